"""What readers do with the knowledge base, kept in a SQLite database under `.kb/`: the
searches (redacted before they are stored), the results opened, and the "Was this helpful?"
votes. No IP address and no user name is ever stored; see `store` for what is."""
