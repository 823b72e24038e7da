// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

interface IFlow {
    function transferFrom(address from, address to, uint256 value) external returns (bool);
    function transfer(address to, uint256 value) external returns (bool);
}

/// The Mycelix EconomicStrategyRouter as contract-guardian sees it: the platform's events, an
/// Ownable-style owner, treasury and fee settings, and a token balance (payments flow through it).
/// Like today's router it has no pause switch.
contract TestRouter {
    event StrategyRegistered(bytes32 indexed strategyId, address strategyAddress);
    event SongRegistered(bytes32 indexed songId, bytes32 indexed strategyId, address indexed artist);
    event SongStrategyChanged(bytes32 indexed songId, bytes32 indexed strategyId);
    event PaymentProcessed(bytes32 indexed songId, address indexed listener, uint256 amount, uint8 paymentType);
    event ProtocolFeeUpdated(uint256 newFeeBps);
    event ProtocolTreasuryUpdated(address newTreasury);
    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);

    error OwnableUnauthorizedAccount(address account);

    address public owner;
    address public protocolTreasury;
    uint256 public protocolFeeBps;
    IFlow public token;
    mapping(bytes32 => address) public strategies;
    mapping(bytes32 => bytes32) public songStrategy;

    constructor(address token_, address treasury_, uint256 feeBps_) {
        token = IFlow(token_);
        protocolTreasury = treasury_;
        protocolFeeBps = feeBps_;
        owner = msg.sender;
        emit OwnershipTransferred(address(0), msg.sender);
    }

    modifier onlyOwner() {
        if (msg.sender != owner) revert OwnableUnauthorizedAccount(msg.sender);
        _;
    }

    function transferOwnership(address newOwner) external onlyOwner {
        address previous = owner;
        owner = newOwner;
        emit OwnershipTransferred(previous, newOwner);
    }

    function setProtocolTreasury(address newTreasury) external onlyOwner {
        protocolTreasury = newTreasury;
        emit ProtocolTreasuryUpdated(newTreasury);
    }

    function setProtocolFee(uint256 newFeeBps) external onlyOwner {
        protocolFeeBps = newFeeBps;
        emit ProtocolFeeUpdated(newFeeBps);
    }

    function registerStrategy(bytes32 strategyId, address strategyAddress) external onlyOwner {
        strategies[strategyId] = strategyAddress;
        emit StrategyRegistered(strategyId, strategyAddress);
    }

    function registerSong(bytes32 songId, bytes32 strategyId) external {
        songStrategy[songId] = strategyId;
        emit SongRegistered(songId, strategyId, msg.sender);
    }

    function changeSongStrategy(bytes32 songId, bytes32 strategyId) external {
        songStrategy[songId] = strategyId;
        emit SongStrategyChanged(songId, strategyId);
    }

    /// Pulls the payment into the router (the caller approved the token first).
    function processPayment(bytes32 songId, uint256 amount, uint8 paymentType) external {
        _beforePayment();
        require(token.transferFrom(msg.sender, address(this), amount), "transfer");
        emit PaymentProcessed(songId, msg.sender, amount, paymentType);
    }

    /// What an attacker holding the owner key would call to drain the router.
    function withdraw(address to, uint256 amount) external onlyOwner {
        require(token.transfer(to, amount), "transfer");
    }

    function _beforePayment() internal virtual {}
}
