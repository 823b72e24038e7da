// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import "./TestRouter.sol";

/// The same router with OpenZeppelin-style Pausable (same events, errors and functions) and a
/// separate pauser: a key that may only pause, which is the only key contract-guardian holds.
contract PausableTestRouter is TestRouter {
    event Paused(address account);
    event Unpaused(address account);
    event PauserChanged(address indexed pauser);

    error EnforcedPause();
    error ExpectedPause();
    error NotPauser(address account);

    bool private _paused;
    address public pauser;

    constructor(address token_, address treasury_, uint256 feeBps_) TestRouter(token_, treasury_, feeBps_) {}

    function paused() public view returns (bool) {
        return _paused;
    }

    function setPauser(address newPauser) external onlyOwner {
        pauser = newPauser;
        emit PauserChanged(newPauser);
    }

    function pause() external {
        if (msg.sender != pauser && msg.sender != owner) revert NotPauser(msg.sender);
        if (_paused) revert EnforcedPause();
        _paused = true;
        emit Paused(msg.sender);
    }

    /// Only the owner unpauses: the pauser key can stop the bleeding but never restart payments.
    function unpause() external onlyOwner {
        if (!_paused) revert ExpectedPause();
        _paused = false;
        emit Unpaused(msg.sender);
    }

    function _beforePayment() internal view override {
        if (_paused) revert EnforcedPause();
    }
}
