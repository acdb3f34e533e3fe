-- One-time sign-in links of the portal (Spring Security's JdbcOneTimeTokenService): a token is
-- deleted when it is used, so a link works once.
create table one_time_tokens (
    token_value varchar(36)  not null primary key,
    username    varchar(320) not null,
    expires_at  timestamp    not null
);
