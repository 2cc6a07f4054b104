package dev.tributary.outbox.testing;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A business row written next to outbox rows (to show they commit and roll back together). */
@Entity
@Table(name = "test_account")
public class Account {
    @Id
    private String id;
    private int balance;

    protected Account() {
    }

    public Account(String id, int balance) {
        this.id = id;
        this.balance = balance;
    }

    public String id() {
        return id;
    }

    public int balance() {
        return balance;
    }
}
