package io.lifeline.contract.pause;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.web3j.crypto.exception.CipherException;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.WalletUtils;

import io.lifeline.contract.config.GuardianConfig;
import io.lifeline.contract.config.WatchList;

/**
 * The key that may only pause, decrypted once at startup from its JSON keystore. The password comes
 * from a file or the environment and is never logged; a wrong password is a startup error.
 */
@ApplicationScoped
public class PauserKey {

    private static final Logger LOG = Logger.getLogger(PauserKey.class);

    private final Optional<Credentials> credentials;

    public PauserKey(GuardianConfig config, WatchList watchList) {
        GuardianConfig.Pause pause = config.pause();
        Optional<String> keystore = pause.keystore().map(String::trim).filter(s -> !s.isEmpty());
        boolean needed = watchList.all().stream().anyMatch(w -> w.pausable() && !"off".equals(w.pausePolicy()));
        if (keystore.isEmpty()) {
            if (needed) {
                throw new IllegalStateException("a watched Pausable contract has pause policy auto or approval, but "
                        + "no pauser keystore is configured (lifeline.contract.pause.keystore, "
                        + "LIFELINE_CONTRACT_PAUSER_KEYSTORE); set the policy to off to watch without pausing");
            }
            credentials = Optional.empty();
            return;
        }
        credentials = Optional.of(load(Path.of(keystore.get()), password(pause)));
        LOG.infof("pauser key loaded from %s: address %s", keystore.get(), credentials.get().getAddress());
    }

    static Credentials load(Path keystore, String password) {
        if (!Files.isReadable(keystore)) {
            throw new IllegalStateException("pauser keystore " + keystore + " does not exist or is not readable");
        }
        try {
            return WalletUtils.loadCredentials(password, keystore.toFile());
        } catch (CipherException e) {
            throw new IllegalStateException("cannot decrypt the pauser keystore " + keystore
                    + ": wrong password (or a corrupted keystore)");
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read the pauser keystore " + keystore + ": not a valid JSON "
                    + "keystore (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static String password(GuardianConfig.Pause pause) {
        Optional<String> file = pause.passwordFile().map(String::trim).filter(s -> !s.isEmpty());
        if (file.isPresent()) {
            try {
                return Files.readAllLines(Path.of(file.get())).stream().findFirst().orElse("").strip();
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the pauser password file " + file.get() + ": "
                        + e.getClass().getSimpleName());
            }
        }
        return pause.password().orElseThrow(() -> new IllegalStateException("a pauser keystore is configured but "
                + "no password: set lifeline.contract.pause.password-file (LIFELINE_CONTRACT_PAUSER_PASSWORD_FILE) "
                + "or LIFELINE_CONTRACT_PAUSER_PASSWORD"));
    }

    public Optional<Credentials> credentials() {
        return credentials;
    }

    public Optional<String> address() {
        return credentials.map(c -> c.getAddress().toLowerCase());
    }
}
