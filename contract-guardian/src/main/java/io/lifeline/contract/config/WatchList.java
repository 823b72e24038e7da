package io.lifeline.contract.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.lifeline.contract.chain.ContractAbi;

/**
 * The watched contracts, validated once: every address must be a 0x-prefixed 20-byte hex string and
 * every ABI file must parse. A bad entry is a startup error that names the setting.
 */
@ApplicationScoped
public class WatchList {

    static final Pattern ADDRESS = Pattern.compile("^0x[0-9a-fA-F]{40}$");
    static final List<String> POLICIES = List.of("off", "auto", "approval");

    private final Map<String, Watched> byName = new LinkedHashMap<>();
    private final Map<String, Watched> byAddress = new LinkedHashMap<>();

    public WatchList(GuardianConfig config) {
        List<String> problems = new ArrayList<>();
        config.contracts().forEach((name, c) -> {
            String prefix = "lifeline.contract.contracts." + name;
            String address = c.address().map(String::trim).orElse("");
            if (address.isEmpty()) {
                return; // not configured in this deployment
            }
            if (!ADDRESS.matcher(address).matches()) {
                problems.add(prefix + ".address '" + address + "' is not an address (0x followed by 40 hex digits)");
                return;
            }
            Optional<String> token = c.token().map(String::trim).filter(t -> !t.isEmpty());
            if (token.isPresent() && !ADDRESS.matcher(token.get()).matches()) {
                problems.add(prefix + ".token '" + token.get() + "' is not an address");
                return;
            }
            ContractAbi abi;
            try {
                abi = ContractAbi.load(Path.of(c.abi().map(String::trim).filter(a -> !a.isEmpty())
                        .orElseThrow(() -> new IllegalArgumentException("no ABI file configured"))));
            } catch (IllegalArgumentException e) {
                problems.add(prefix + ".abi: " + e.getMessage());
                return;
            }
            String policy = c.pausePolicy().map(String::trim).filter(p -> !p.isEmpty())
                    .orElse(config.pause().policy());
            if (!POLICIES.contains(policy)) {
                problems.add(prefix + ".pause-policy (or lifeline.contract.pause.policy) must be one of " + POLICIES
                        + ", not '" + policy + "'");
                return;
            }
            Watched w = new Watched(name, address.toLowerCase(Locale.ROOT), abi,
                    token.map(t -> t.toLowerCase(Locale.ROOT)), c.stateGetters(), policy,
                    c.dryRun().orElse(config.pause().dryRun()));
            byName.put(name, w);
            byAddress.put(w.address(), w);
        });
        if (!problems.isEmpty()) {
            throw new IllegalStateException("contract-guardian configuration is invalid: " + String.join("; ", problems));
        }
        if (byName.isEmpty()) {
            throw new IllegalStateException("contract-guardian watches no contract: configure "
                    + "lifeline.contract.contracts.<name>.address and .abi (LIFELINE_CONTRACT_ROUTER_ADDRESS, ...)");
        }
    }

    public Collection<Watched> all() {
        return byName.values();
    }

    public Optional<Watched> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Optional<Watched> byAddress(String address) {
        return Optional.ofNullable(address == null ? null : byAddress.get(address.toLowerCase(Locale.ROOT)));
    }

    public List<String> addresses() {
        return List.copyOf(byAddress.keySet());
    }
}
