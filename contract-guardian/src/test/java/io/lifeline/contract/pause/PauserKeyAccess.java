package io.lifeline.contract.pause;

import java.nio.file.Path;

import org.web3j.crypto.Credentials;

/** Test access to the package-private keystore loading of {@link PauserKey}. */
public final class PauserKeyAccess {

    private PauserKeyAccess() {
    }

    public static Credentials load(Path keystore, String password) {
        return PauserKey.load(keystore, password);
    }
}
