package dev.flarelink.account;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The accounts feature's facade: sign up, check a sign-in, change a password. */
@Service
public class AccountService {

    private final UserAccountRepository accounts;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final SignInThrottle throttle;
    private final Clock clock;

    AccountService(
            UserAccountRepository accounts,
            PasswordHasher hasher,
            PasswordPolicy policy,
            SignInThrottle throttle,
            Clock clock) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.policy = policy;
        this.throttle = throttle;
        this.clock = clock;
    }

    /**
     * Creates an account.
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
        UserAccount account = accounts.save(
                new UserAccount(UUID.randomUUID(), email, hasher.hash(command.password()), clock.instant()));
        return AccountView.of(account);
    }

    /**
     * Checks e-mail and password for a sign-in from a client address, counting failures.
     *
     * @return the account on success; empty when the e-mail is unknown or the password wrong (callers must not tell
     *     these apart)
     * @throws SignInThrottledException when too many attempts failed recently
     */
    @Transactional
    public Optional<AccountView> authenticate(String rawEmail, String password, String clientAddress) {
        String email = EmailAddress.normalise(rawEmail);
        if (throttle.isRefused(email, clientAddress)) {
            throw new SignInThrottledException();
        }
        Optional<UserAccount> account = accounts.findByEmail(email);
        if (account.isPresent() && hasher.matches(password, account.get().getPasswordHash())) {
            return account.map(AccountView::of);
        }
        if (account.isEmpty()) {
            hasher.burnTimeLikeAVerification(password);
        }
        throttle.recordFailure(email, clientAddress);
        return Optional.empty();
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
        if (throttle.isRefused(account.getEmail(), clientAddress)) {
            throw new SignInThrottledException();
        }
        if (hasher.matches(password, account.getPasswordHash())) {
            return true;
        }
        throttle.recordFailure(account.getEmail(), clientAddress);
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
        account.changePasswordHash(hasher.hash(command.newPassword()), clock.instant());
    }
}
