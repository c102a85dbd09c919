using Microsoft.Data.Sqlite;

namespace Coffer.Storage.Sqlite;

/// <summary>
/// The ordered schema migrations. Never edit a released migration: append a new one. The whole run is one
/// transaction (SQLite DDL is transactional), so a crash mid-migration leaves the old schema.
/// </summary>
internal static class SqliteMigrations
{
    public static readonly IReadOnlyList<(int Version, string Sql)> All =
    [
        (1, """
            CREATE TABLE users (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                name TEXT NOT NULL,
                name_key TEXT NOT NULL UNIQUE,
                password_hash TEXT NOT NULL,
                identity_secret BLOB NOT NULL,
                seq INTEGER NOT NULL DEFAULT 0,
                created INTEGER NOT NULL,
                password_changed INTEGER NOT NULL);

            CREATE TABLE devices (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                device_id TEXT NOT NULL,
                devinf BLOB,
                nonce BLOB,
                first_seen INTEGER NOT NULL,
                last_access INTEGER NOT NULL,
                UNIQUE (user_id, device_id));

            CREATE TABLE datastores (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                kind INTEGER NOT NULL,
                created INTEGER NOT NULL,
                UNIQUE (user_id, kind));

            CREATE TABLE items (
                id TEXT NOT NULL PRIMARY KEY,
                datastore_id INTEGER NOT NULL REFERENCES datastores(id) ON DELETE CASCADE,
                version INTEGER NOT NULL,
                seq INTEGER NOT NULL,
                deleted INTEGER NOT NULL,
                content_type TEXT NOT NULL,
                identity_key BLOB,
                size INTEGER NOT NULL,
                created INTEGER NOT NULL,
                modified INTEGER NOT NULL,
                origin TEXT NOT NULL) WITHOUT ROWID;
            CREATE UNIQUE INDEX items_changes ON items (datastore_id, seq);
            CREATE INDEX items_live ON items (datastore_id, seq) WHERE deleted = 0;
            CREATE INDEX items_identity ON items (datastore_id, identity_key) WHERE identity_key IS NOT NULL AND deleted = 0;

            CREATE TABLE item_versions (
                item_id TEXT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
                version INTEGER NOT NULL,
                seq INTEGER NOT NULL,
                deleted INTEGER NOT NULL,
                content_type TEXT NOT NULL,
                size INTEGER NOT NULL,
                origin TEXT NOT NULL,
                time INTEGER NOT NULL,
                payload BLOB,
                PRIMARY KEY (item_id, version));

            CREATE TABLE sync_states (
                device_id INTEGER NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
                datastore_id INTEGER NOT NULL,
                last_anchor TEXT,
                next_anchor TEXT,
                server_last_anchor TEXT,
                server_next_anchor TEXT,
                sent_seq INTEGER NOT NULL,
                acked_seq INTEGER NOT NULL,
                last_success INTEGER,
                updated INTEGER NOT NULL,
                PRIMARY KEY (device_id, datastore_id)) WITHOUT ROWID;

            CREATE TABLE id_maps (
                device_id INTEGER NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
                datastore_id INTEGER NOT NULL,
                luid TEXT NOT NULL,
                item_id TEXT NOT NULL,
                PRIMARY KEY (device_id, datastore_id, luid)) WITHOUT ROWID;
            CREATE UNIQUE INDEX id_maps_guid ON id_maps (device_id, datastore_id, item_id);

            CREATE TABLE sessions (
                token_hash BLOB NOT NULL PRIMARY KEY,
                user_id INTEGER REFERENCES users(id) ON DELETE CASCADE,
                device_id INTEGER,
                created INTEGER NOT NULL,
                expires INTEGER NOT NULL,
                state BLOB NOT NULL);
            CREATE INDEX sessions_expires ON sessions (expires);
            CREATE INDEX sessions_user ON sessions (user_id);

            CREATE TABLE session_replies (
                token_hash BLOB NOT NULL REFERENCES sessions(token_hash) ON DELETE CASCADE,
                msg_id TEXT NOT NULL,
                content_type TEXT NOT NULL,
                body BLOB NOT NULL,
                PRIMARY KEY (token_hash, msg_id)) WITHOUT ROWID;
            """),
        (2, """
            -- b64(md5("user:password")) for syncml:auth-md5 (OMA DS 1.2 §5.1): the server must recompute the digest
            -- with a fresh nonce, which needs this inner hash. NULL until the password is next set.
            ALTER TABLE users ADD COLUMN md5_credential TEXT;
            """),
        (3, """
            -- The md5 credential is a password equivalent: earlier versions kept one for every account. Only accounts
            -- set up for syncml:auth-md5 (coffer user add|passwd NAME --md5) hold one from now on.
            UPDATE users SET md5_credential = NULL;

            -- md5 nonces are derived from a server secret, the device and its login count (no write before a login).
            ALTER TABLE devices ADD COLUMN login_count INTEGER NOT NULL DEFAULT 0;

            CREATE TABLE server_secrets (
                name TEXT NOT NULL PRIMARY KEY,
                value BLOB NOT NULL,
                created INTEGER NOT NULL) WITHOUT ROWID;

            -- A large object arriving in chunks (OMA-TS-DS_Protocol-V1_2 §6.10), kept piece by piece as it arrives.
            CREATE TABLE session_chunks (
                token_hash BLOB NOT NULL REFERENCES sessions(token_hash) ON DELETE CASCADE,
                seq INTEGER NOT NULL,
                data BLOB NOT NULL,
                PRIMARY KEY (token_hash, seq)) WITHOUT ROWID;
            """),
        (4, """
            -- Encryption at rest (docs/security.md): one data key per user (user_id 0: the server's own rows), stored
            -- wrapped by the master key, which is not in the database. No foreign key (user 0 is no user): deleting a
            -- user deletes their keys explicitly.
            CREATE TABLE data_keys (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                user_id INTEGER NOT NULL,
                wrapped BLOB NOT NULL,
                master_key_id TEXT NOT NULL,
                created INTEGER NOT NULL);
            CREATE INDEX data_keys_user ON data_keys (user_id, id);

            -- Sessions in flight at the upgrade end: their state, cached replies and chunks were kept in clear, and a
            -- phone simply starts a new session.
            DELETE FROM sessions;

            -- Payloads stored in clear before this version are encrypted at the next start, in batches
            -- (SqliteEncryptionPass); the row goes when none is left.
            CREATE TABLE pending_passes (name TEXT NOT NULL PRIMARY KEY) WITHOUT ROWID;
            INSERT INTO pending_passes (name) VALUES ('encrypt-clear-payloads');
            """),
        (5, """
            -- The storage area (seed 000 §5.3): generations of a datastore's saved state as references to item versions.
            CREATE TABLE area_generations (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                datastore_id INTEGER NOT NULL REFERENCES datastores(id) ON DELETE CASCADE,
                created INTEGER NOT NULL,
                seq INTEGER NOT NULL,
                item_count INTEGER NOT NULL,
                bytes INTEGER NOT NULL,
                origin TEXT NOT NULL);
            CREATE INDEX area_generations_datastore ON area_generations (datastore_id, id);

            CREATE TABLE area_items (
                generation_id INTEGER NOT NULL REFERENCES area_generations(id) ON DELETE CASCADE,
                item_id TEXT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
                version INTEGER NOT NULL,
                PRIMARY KEY (generation_id, item_id)) WITHOUT ROWID;
            -- History retention asks, per version, whether a generation still refers to it.
            CREATE INDEX area_items_version ON area_items (item_id, version);

            -- Set by a recovery: the device's next sync of the datastore is a slow sync in which the recovered data wins.
            ALTER TABLE sync_states ADD COLUMN recovered_seq INTEGER;
            -- Set when Adds of the device got 420 (quota full): a slow sync sends them again once there is room.
            ALTER TABLE sync_states ADD COLUMN quota_refused INTEGER NOT NULL DEFAULT 0;

            -- Per-user quotas; NULL = the server's default, 0 = unlimited.
            ALTER TABLE users ADD COLUMN quota_items INTEGER;
            ALTER TABLE users ADD COLUMN quota_bytes INTEGER;
            """),
        (6, """
            -- The content-addressed blob store (docs/storage.md, "Blobs"): each user's blob-name key, sealed under the
            -- user's data key, and the user's chunks, named by HMAC-SHA256 under that key and stored once per user.
            CREATE TABLE blob_keys (
                user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
                sealed BLOB NOT NULL,
                created INTEGER NOT NULL);

            -- A rowid table: rows of up to 1 MiB belong in overflow pages behind a small key, not in a WITHOUT ROWID tree.
            CREATE TABLE blob_chunks (
                id INTEGER PRIMARY KEY,
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                name BLOB NOT NULL,
                size INTEGER NOT NULL,
                created INTEGER NOT NULL,
                last_used INTEGER NOT NULL,
                data BLOB NOT NULL,
                UNIQUE (user_id, name));
            """),
        (7, """
            -- Each user's own settings from the settings page (docs/web.md, "Settings"); no row until first saved.
            CREATE TABLE user_settings (
                user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
                sync_interval INTEGER NOT NULL,
                night_hour INTEGER NOT NULL,
                time_zone TEXT NOT NULL,
                carrier TEXT,
                updated INTEGER NOT NULL);

            -- Personal API tokens (docs/api.md): only the SHA-256 of each token is kept, and its first characters.
            CREATE TABLE api_tokens (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                prefix TEXT NOT NULL,
                token_hash BLOB NOT NULL UNIQUE,
                created INTEGER NOT NULL);
            CREATE INDEX api_tokens_user ON api_tokens (user_id);
            """),
        (8, """
            -- Administration (docs/web.md, "Administration"): who may administer, who may not sign in at all, and
            -- what each administrator did. The log names people as text: it outlives the accounts it mentions.
            ALTER TABLE users ADD COLUMN admin INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
            CREATE TABLE audit_log (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                time INTEGER NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                target TEXT NOT NULL,
                details TEXT);
            """),
        (9, """
            -- Server-alerted syncs (docs/notifications.md): each user's next due night, the nights already planned and
            -- their entries. Nights are day numbers (days since 0001-01-01), times Unix milliseconds.
            CREATE TABLE notification_due (
                user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
                next_due INTEGER NOT NULL);
            CREATE TABLE notification_nights (
                night INTEGER PRIMARY KEY,
                planned INTEGER NOT NULL);
            CREATE TABLE notification_plan (
                night INTEGER NOT NULL,
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                send_at INTEGER,
                due INTEGER NOT NULL,
                next_due INTEGER NOT NULL,
                carrier TEXT NOT NULL,
                state INTEGER NOT NULL,
                error TEXT,
                updated INTEGER NOT NULL,
                PRIMARY KEY (night, user_id));
            CREATE INDEX notification_plan_waiting ON notification_plan (state, send_at);
            -- Each device's notification secret, sealed under its user's data key (docs/security.md).
            ALTER TABLE devices ADD COLUMN notify_secret BLOB;
            """),
        (10, """
            -- Backup modes of app data files (docs/history-and-recovery.md "Backup modes"): retention keeps every version
            -- of a 'history' item and the base version (the last full) of a 'differential' one. No row: incremental.
            CREATE TABLE item_modes (
                item_id TEXT NOT NULL PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
                mode TEXT NOT NULL,
                base_version INTEGER);
            """),
        (11, """
            -- Several nodes on one database (docs/operations.md, "Several nodes"): the leases that keep each singleton
            -- job on one node at a time (times Unix milliseconds), and the web's data-protection key ring (each
            -- document encrypted by the host under the master key), so a cookie signed on one node opens on another.
            CREATE TABLE leases (
                name TEXT PRIMARY KEY,
                holder TEXT NOT NULL,
                expires INTEGER NOT NULL);
            CREATE TABLE web_keys (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                name TEXT NOT NULL,
                xml TEXT NOT NULL,
                created INTEGER NOT NULL);
            """),
        (12, """
            -- SIP (docs/sip.md): each account's digest HA1 per algorithm, sealed under the user's data key
            -- (docs/security.md), and the registrar's bindings (times Unix milliseconds) so that every node sees them.
            CREATE TABLE sip_credentials (
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                algorithm TEXT NOT NULL,
                realm TEXT NOT NULL,
                ha1 BLOB NOT NULL,
                PRIMARY KEY (user_id, algorithm));
            CREATE TABLE sip_bindings (
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                device TEXT NOT NULL,
                contact TEXT NOT NULL,
                received TEXT NOT NULL,
                expires_at INTEGER NOT NULL,
                call_id TEXT NOT NULL,
                cseq INTEGER NOT NULL,
                node TEXT NOT NULL,
                PRIMARY KEY (user_id, device));
            CREATE INDEX sip_bindings_expiry ON sip_bindings (expires_at);
            """),
        (13, """
            -- The HTTP push channel's waiting package per device (docs/notifications.md), in the store so that a device
            -- long-polling one node gets what another node posted (posted: Unix milliseconds).
            CREATE TABLE push_packages (
                device_id INTEGER PRIMARY KEY REFERENCES devices(id) ON DELETE CASCADE,
                package BLOB NOT NULL,
                posted INTEGER NOT NULL);
            """),
        (14, """
            -- Failed logins shared by the nodes (docs/security.md, "Failed logins"): a leaky bucket per account key or
            -- client address, draining at allowance / window_ms from its level at `updated` (Unix milliseconds).
            CREATE TABLE login_failures (
                key TEXT PRIMARY KEY,
                level REAL NOT NULL,
                allowance INTEGER NOT NULL,
                window_ms INTEGER NOT NULL,
                updated INTEGER NOT NULL);
            """),
        (15, """
            -- OMA DM (docs/device-management.md): per device its DM account (client name; the client credential hash
            -- and the server secret sealed under the user's data key; the nonces each side issued last), its backups
            -- (the tree document sealed, one row per backup; firmware over time) and its jobs (times Unix
            -- milliseconds; decisions: the consent log as JSON; report: JSON).
            CREATE TABLE dm_accounts (
                device_id INTEGER PRIMARY KEY REFERENCES devices(id) ON DELETE CASCADE,
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                client_name TEXT NOT NULL UNIQUE,
                client_credential BLOB NOT NULL,
                server_secret BLOB NOT NULL,
                server_nonce TEXT,
                client_nonce TEXT);
            CREATE TABLE dm_snapshots (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                device_id INTEGER NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
                taken INTEGER NOT NULL,
                manufacturer TEXT NOT NULL,
                model TEXT NOT NULL,
                firmware TEXT NOT NULL,
                node_count INTEGER NOT NULL,
                bytes INTEGER NOT NULL,
                tree BLOB NOT NULL);
            CREATE INDEX dm_snapshots_device ON dm_snapshots (device_id, taken);
            CREATE TABLE dm_jobs (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                device_id INTEGER NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
                kind INTEGER NOT NULL,
                source_snapshot INTEGER REFERENCES dm_snapshots(id) ON DELETE SET NULL,
                state INTEGER NOT NULL,
                attempts INTEGER NOT NULL,
                next_attempt INTEGER NOT NULL,
                created INTEGER NOT NULL,
                decisions TEXT NOT NULL,
                report TEXT);
            CREATE INDEX dm_jobs_device ON dm_jobs (device_id, state);
            -- The push mailbox holds one waiting package per device and kind (0 DS, 1 DM; docs/notifications.md).
            CREATE TABLE push_packages_by_kind (
                device_id INTEGER NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
                kind INTEGER NOT NULL,
                package BLOB NOT NULL,
                posted INTEGER NOT NULL,
                PRIMARY KEY (device_id, kind));
            INSERT INTO push_packages_by_kind (device_id, kind, package, posted) SELECT device_id, 0, package, posted FROM push_packages;
            DROP TABLE push_packages;
            ALTER TABLE push_packages_by_kind RENAME TO push_packages;
            """),
        (16, """
            -- The SessionID of the last package 0 sent to the device (OMA-TS-DM_Notification-V1_2 §6): package 1 of
            -- the session it starts (Alert 1200) must name it; NULL once used or when none is waiting.
            ALTER TABLE dm_accounts ADD COLUMN notified_session INTEGER;
            """),
    ];

    public static int Latest => All[^1].Version;

    /// <summary>Brings the database to <see cref="Latest"/>; returns the version it had before.</summary>
    public static int Migrate(SqliteConnection connection, TimeProvider time)
    {
        using var tx = connection.BeginTransaction(deferred: false);
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied INTEGER NOT NULL); SELECT COALESCE(MAX(version), 0) FROM schema_version;";
        var current = Convert.ToInt32(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (current > Latest)
        {
            throw new StorageException($"database schema version {current} is newer than this build ({Latest}); upgrade Coffer");
        }

        foreach (var (version, sql) in All)
        {
            if (version <= current)
            {
                continue;
            }

            cmd.CommandText = sql;
            cmd.ExecuteNonQuery();
            cmd.CommandText = "INSERT INTO schema_version (version, applied) VALUES ($v, $t)";
            cmd.Parameters.Clear();
            cmd.Parameters.AddWithValue("$v", version);
            cmd.Parameters.AddWithValue("$t", time.GetUtcNow().ToUnixTimeMilliseconds());
            cmd.ExecuteNonQuery();
            cmd.Parameters.Clear();
        }

        tx.Commit();
        return current;
    }
}
