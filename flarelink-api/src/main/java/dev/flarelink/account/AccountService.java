package dev.flarelink.account;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The accounts feature's facade: sign up, check a sign-in, change a password. */
@Service
public class AccountService {

    private final UserAccountRepository accounts;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final SignInThrottle throttle;
    private final DeviceCookies deviceCookies;
    private final SignUpThrottle signUps;
    private final Clock clock;

    AccountService(
            UserAccountRepository accounts,
            PasswordHasher hasher,
            PasswordPolicy policy,
            SignInThrottle throttle,
            DeviceCookies deviceCookies,
            SignUpThrottle signUps,
            Clock clock) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.policy = policy;
        this.throttle = throttle;
        this.deviceCookies = deviceCookies;
        this.signUps = signUps;
        this.clock = clock;
    }

    /**
     * Creates an account, saying so when the address is taken: for callers that already know who they are (set-up
     * and test fixtures), never for the public page, which uses {@link #register} so as not to tell who has an
     * account.
     *
     * @throws AccountProblemException naming the field and what to change when the input is refused
     */
    @Transactional
    public AccountView signUp(SignUpCommand command) {
        String email = EmailAddress.normalise(command.email());
        if (!EmailAddress.isValid(email)) {
            throw AccountProblemException.email("Enter an e-mail address like name@example.com.");
        }
        policy.problemWith(command.password(), email).ifPresent(problem -> {
            throw AccountProblemException.password(problem);
        });
        if (accounts.existsByEmail(email)) {
            throw AccountProblemException.email("An account with this e-mail already exists. Sign in instead.");
        }
        UserAccount account = accounts.insert(
                new UserAccount(UUID.randomUUID(), email, hasher.hash(command.password()), clock.instant()));
        return AccountView.of(account);
    }

    /**
     * The sign-up page's sign-up: answers alike whether or not the address already has an account, so the page does
     * not tell who has one. Input problems (e-mail form, password strength) are reported the same either way; then a
     * new address gets its account, and a taken one gets nothing, after the same work (one password hash). The caller
     * tells the user the same in both cases: sign in with the address and password.
     *
     * @return the new account, or empty when the address was taken (callers must not tell these apart)
     * @throws AccountProblemException naming the field and what to change when the input is refused
     * @throws SignUpThrottledException when the client address has created too many accounts in the last hour
     */
    @Transactional
    public Optional<AccountView> register(SignUpCommand command, String clientAddress) {
        String email = EmailAddress.normalise(command.email());
        if (!EmailAddress.isValid(email)) {
            throw AccountProblemException.email("Enter an e-mail address like name@example.com.");
        }
        policy.problemWith(command.password(), email).ifPresent(problem -> {
            throw AccountProblemException.password(problem);
        });
        if (!signUps.tryAcquire(clientAddress)) {
            throw new SignUpThrottledException();
        }
        String hash = hasher.hash(command.password());
        if (accounts.existsByEmail(email)) {
            return Optional.empty();
        }
        return Optional.of(
                AccountView.of(accounts.insert(new UserAccount(UUID.randomUUID(), email, hash, clock.instant()))));
    }

    /** Checks a sign-in from a client without a device cookie; see {@link #authenticate(String, String, String, String)}. */
    @Transactional
    public Optional<AccountView> authenticate(String rawEmail, String password, String clientAddress) {
        return authenticate(rawEmail, password, clientAddress, null);
    }

    /**
     * Checks e-mail and password for a sign-in from a client address, counting failures. The throttle's check, the
     * password check and the failure's record happen under one lock, so simultaneous guesses are counted one by one.
     *
     * @param deviceCookie the browser's device cookie, if it sent one; a genuine cookie for this account gets the
     *     browser its own allowance (see {@link SignInThrottle})
     * @return the account on success; empty when the e-mail is unknown or the password wrong (callers must not tell
     *     these apart)
     * @throws SignInThrottledException when too many attempts failed recently
     */
    @Transactional
    public Optional<AccountView> authenticate(
            String rawEmail, String password, String clientAddress, @Nullable String deviceCookie) {
        String email = EmailAddress.normalise(rawEmail);
        throttle.lock(email, clientAddress);
        Optional<UserAccount> account = accounts.findByEmail(email);
        String deviceNonce = account.flatMap(found -> deviceCookies.nonceFor(deviceCookie, found.getId()))
                .orElse(null);
        if (throttle.isRefused(email, clientAddress, deviceNonce)) {
            throw new SignInThrottledException();
        }
        if (account.isPresent() && hasher.matches(password, account.get().getPasswordHash())) {
            return account.map(AccountView::of);
        }
        if (account.isEmpty()) {
            hasher.burnTimeLikeAVerification(password);
        }
        throttle.recordFailure(email, clientAddress, deviceNonce);
        return Optional.empty();
    }

    /** A new device cookie for a browser that has just signed in to (or signed up for) the account. */
    public String issueDeviceCookie(UUID accountId) {
        return deviceCookies.issue(accountId);
    }

    /**
     * Checks the signed-in user's password again (a recent sign-in for a sensitive action); a wrong one counts toward
     * the sign-in throttle like a failed sign-in.
     *
     * @throws SignInThrottledException when too many attempts failed recently
     */
    @Transactional
    public boolean confirmPassword(UUID accountId, String password, String clientAddress) {
        UserAccount account = accounts.findById(accountId).orElseThrow(() -> AccountNotFoundException.forId(accountId));
        throttle.lock(account.getEmail(), clientAddress);
        if (throttle.isRefused(account.getEmail(), clientAddress, null)) {
            throw new SignInThrottledException();
        }
        if (hasher.matches(password, account.getPasswordHash())) {
            return true;
        }
        throttle.recordFailure(account.getEmail(), clientAddress, null);
        return false;
    }

    /** The account with this e-mail (normalised first), for a sign-in that named it, such as a passkey's. */
    @Transactional(readOnly = true)
    public Optional<AccountView> findByEmail(String email) {
        return accounts.findByEmail(EmailAddress.normalise(email)).map(AccountView::of);
    }

    @Transactional(readOnly = true)
    public Optional<AccountView> findById(UUID id) {
        return accounts.findById(id).map(AccountView::of);
    }

    @Transactional
    public void changePassword(UUID accountId, ChangePasswordCommand command) {
        UserAccount account = accounts.findById(accountId).orElseThrow(() -> AccountNotFoundException.forId(accountId));
        if (!hasher.matches(command.currentPassword(), account.getPasswordHash())) {
            throw AccountProblemException.currentPassword("The current password is not right.");
        }
        policy.problemWith(command.newPassword(), account.getEmail()).ifPresent(problem -> {
            throw AccountProblemException.newPassword(problem);
        });
        accounts.changePasswordHash(account.getId(), hasher.hash(command.newPassword()), clock.instant());
    }
}
