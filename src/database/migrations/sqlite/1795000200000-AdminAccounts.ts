import type { MigrationInterface, QueryRunner } from "typeorm";

export class AdminAccounts1795000200000 implements MigrationInterface {
    name = 'AdminAccounts1795000200000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "admin_account" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "email" varchar(254) NOT NULL, "name" varchar(200) NOT NULL, "passwordHash" varchar(200) NOT NULL, "userId" integer, "active" boolean NOT NULL DEFAULT (1), "failedAttempts" integer NOT NULL DEFAULT (0), "lockedUntil" datetime(3), "lastLoginAt" datetime(3), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_admin_account_email" ON "admin_account" ("email") `);
        await queryRunner.query(`CREATE TABLE "admin_session" ("sid" varchar(128) PRIMARY KEY NOT NULL, "expiresAt" datetime(3) NOT NULL, "data" text NOT NULL)`);
        await queryRunner.query(`CREATE INDEX "IDX_admin_session_expires" ON "admin_session" ("expiresAt") `);
        await queryRunner.query(`DROP INDEX "UQ_admin_account_email"`);
        await queryRunner.query(`CREATE TABLE "temporary_admin_account" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "email" varchar(254) NOT NULL, "name" varchar(200) NOT NULL, "passwordHash" varchar(200) NOT NULL, "userId" integer, "active" boolean NOT NULL DEFAULT (1), "failedAttempts" integer NOT NULL DEFAULT (0), "lockedUntil" datetime(3), "lastLoginAt" datetime(3), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_f863dfb8d86c2d08b6b4ff9012b" FOREIGN KEY ("userId") REFERENCES "user" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`);
        await queryRunner.query(`INSERT INTO "temporary_admin_account"("id", "email", "name", "passwordHash", "userId", "active", "failedAttempts", "lockedUntil", "lastLoginAt", "createdAt", "updatedAt") SELECT "id", "email", "name", "passwordHash", "userId", "active", "failedAttempts", "lockedUntil", "lastLoginAt", "createdAt", "updatedAt" FROM "admin_account"`);
        await queryRunner.query(`DROP TABLE "admin_account"`);
        await queryRunner.query(`ALTER TABLE "temporary_admin_account" RENAME TO "admin_account"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_admin_account_email" ON "admin_account" ("email") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "UQ_admin_account_email"`);
        await queryRunner.query(`ALTER TABLE "admin_account" RENAME TO "temporary_admin_account"`);
        await queryRunner.query(`CREATE TABLE "admin_account" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "email" varchar(254) NOT NULL, "name" varchar(200) NOT NULL, "passwordHash" varchar(200) NOT NULL, "userId" integer, "active" boolean NOT NULL DEFAULT (1), "failedAttempts" integer NOT NULL DEFAULT (0), "lockedUntil" datetime(3), "lastLoginAt" datetime(3), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`INSERT INTO "admin_account"("id", "email", "name", "passwordHash", "userId", "active", "failedAttempts", "lockedUntil", "lastLoginAt", "createdAt", "updatedAt") SELECT "id", "email", "name", "passwordHash", "userId", "active", "failedAttempts", "lockedUntil", "lastLoginAt", "createdAt", "updatedAt" FROM "temporary_admin_account"`);
        await queryRunner.query(`DROP TABLE "temporary_admin_account"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_admin_account_email" ON "admin_account" ("email") `);
        await queryRunner.query(`DROP INDEX "IDX_admin_session_expires"`);
        await queryRunner.query(`DROP TABLE "admin_session"`);
        await queryRunner.query(`DROP INDEX "UQ_admin_account_email"`);
        await queryRunner.query(`DROP TABLE "admin_account"`);
    }

}
