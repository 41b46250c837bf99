package dev.flarelink.account;

import dev.flarelink.shared.NotFoundException;
import java.util.UUID;

/** No account has this id. */
public class AccountNotFoundException extends NotFoundException {

    private static final long serialVersionUID = 1L;

    private AccountNotFoundException(String message) {
        super(message);
    }

    static AccountNotFoundException forId(UUID id) {
        return new AccountNotFoundException("No account " + id);
    }
}
