package io.lifeline.contract.chain;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;

import okhttp3.OkHttpClient;

/**
 * Blocking JSON-RPC calls through web3j, one endpoint. Every failure (network, JSON-RPC error)
 * becomes a {@link ChainException} naming the endpoint and the method, never a silent null.
 */
public class ChainClient implements AutoCloseable {

    private final String url;
    private final Web3j web3j;

    public ChainClient(String url, Duration timeout) {
        this.url = url;
        OkHttpClient http = new OkHttpClient.Builder()
                .connectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .writeTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .build();
        this.web3j = Web3j.build(new HttpService(url, http));
    }

    public String url() {
        return url;
    }

    public long chainId() {
        return send("eth_chainId", web3j.ethChainId()).getChainId().longValueExact();
    }

    public long blockNumber() {
        return send("eth_blockNumber", web3j.ethBlockNumber()).getBlockNumber().longValueExact();
    }

    /** The block header, or empty if the node does not have that block (yet). */
    public Optional<BlockRef> block(long number) {
        EthBlock.Block b = send("eth_getBlockByNumber",
                web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), false)).getBlock();
        return Optional.ofNullable(b).map(BlockRef::of);
    }

    public BlockRef latestBlock() {
        EthBlock.Block b = send("eth_getBlockByNumber",
                web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)).getBlock();
        if (b == null) {
            throw new ChainException(url + ": eth_getBlockByNumber(latest) returned no block");
        }
        return BlockRef.of(b);
    }

    public List<Log> logs(long from, long to, List<String> addresses) {
        EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(from)),
                DefaultBlockParameter.valueOf(BigInteger.valueOf(to)), addresses);
        EthLog result = send("eth_getLogs", web3j.ethGetLogs(filter));
        return result.getLogs().stream().map(r -> (Log) r.get()).toList();
    }

    /** eth_call at a block (null: latest); returns the raw hex result, or throws with the revert reason. */
    public String call(String from, String to, String data, Long blockNumber) {
        DefaultBlockParameter at = blockNumber == null ? DefaultBlockParameterName.LATEST
                : DefaultBlockParameter.valueOf(BigInteger.valueOf(blockNumber));
        EthCall result = send("eth_call", web3j.ethCall(Transaction.createEthCallTransaction(from, to, data), at));
        if (result.hasError()) {
            throw new ChainException(url + ": eth_call to " + to + " failed: " + result.getError().getMessage());
        }
        if (result.isReverted()) {
            throw new ChainException(url + ": eth_call to " + to + " reverted: " + result.getRevertReason());
        }
        return result.getValue();
    }

    public String code(String address, Long blockNumber) {
        return send("eth_getCode", web3j.ethGetCode(address, at(blockNumber))).getCode();
    }

    public String storageAt(String address, BigInteger slot, Long blockNumber) {
        return send("eth_getStorageAt", web3j.ethGetStorageAt(address, slot, at(blockNumber))).getData();
    }

    public BigInteger pendingNonce(String address) {
        return send("eth_getTransactionCount",
                web3j.ethGetTransactionCount(address, DefaultBlockParameterName.PENDING)).getTransactionCount();
    }

    public BigInteger gasPrice() {
        return send("eth_gasPrice", web3j.ethGasPrice()).getGasPrice();
    }

    public String sendRaw(String signedHex) {
        return send("eth_sendRawTransaction", web3j.ethSendRawTransaction(signedHex)).getTransactionHash();
    }

    public Optional<TransactionReceipt> receipt(String txHash) {
        return send("eth_getTransactionReceipt", web3j.ethGetTransactionReceipt(txHash)).getTransactionReceipt();
    }

    private static DefaultBlockParameter at(Long blockNumber) {
        return blockNumber == null ? DefaultBlockParameterName.LATEST
                : DefaultBlockParameter.valueOf(BigInteger.valueOf(blockNumber));
    }

    private <R extends Response<?>> R send(String method, Request<?, R> request) {
        R response;
        try {
            response = request.send();
        } catch (IOException e) {
            throw new ChainException(url + ": " + method + " failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new ChainException(url + ": " + method + " failed: " + e, e);
        }
        if (response.hasError() && !"eth_call".equals(method)) {
            throw new ChainException(url + ": " + method + " returned error " + response.getError().getCode() + ": "
                    + response.getError().getMessage());
        }
        return response;
    }

    @Override
    public void close() {
        web3j.shutdown();
    }
}
