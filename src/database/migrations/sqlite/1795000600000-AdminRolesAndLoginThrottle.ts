import type { MigrationInterface, QueryRunner } from "typeorm";

export class AdminRolesAndLoginThrottle1795000600000 implements MigrationInterface {
    name = 'AdminRolesAndLoginThrottle1795000600000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "admin_login_throttle" ("subject" varchar(120) PRIMARY KEY NOT NULL, "failures" integer NOT NULL DEFAULT (0), "windowStart" datetime(3) NOT NULL, "blockedUntil" datetime(3))`);
        await queryRunner.query(`CREATE TABLE "admin_account_company" ("adminAccountId" integer NOT NULL, "companyId" integer NOT NULL, PRIMARY KEY ("adminAccountId", "companyId"))`);
        await queryRunner.query(`CREATE INDEX "IDX_408cdb8cb8336e18a0eaf6aaa8" ON "admin_account_company" ("adminAccountId") `);
        await queryRunner.query(`CREATE INDEX "IDX_9132cd492dc8107d182a1a0523" ON "admin_account_company" ("companyId") `);
        await queryRunner.query(`DROP INDEX "UQ_admin_account_email"`);
        await queryRunner.query(`CREATE TABLE "temporary_admin_account" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "email" varchar(254) NOT NULL, "name" varchar(200) NOT NULL, "passwordHash" varchar(200) NOT NULL, "userId" integer, "active" boolean NOT NULL DEFAULT (1), "lastLoginAt" datetime(3), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_f863dfb8d86c2d08b6b4ff9012b" FOREIGN KEY ("userId") REFERENCES "user" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`);
        await queryRunner.query(`INSERT INTO "temporary_admin_account"("id", "email", "name", "passwordHash", "userId", "active", "lastLoginAt", "createdAt", "updatedAt") SELECT "id", "email", "name", "passwordHash", "userId", "active", "lastLoginAt", "createdAt", "updatedAt" FROM "admin_account"`);
        await queryRunner.query(`DROP TABLE "admin_account"`);
        await queryRunner.query(`ALTER TABLE "temporary_admin_account" RENAME TO "admin_account"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_admin_account_email" ON "admin_account" ("email") `);
        await queryRunner.query(`DROP INDEX "UQ_admin_account_email"`);
        await queryRunner.query(`CREATE TABLE "temporary_admin_account" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "email" varchar(254) NOT NULL, "name" varchar(200) NOT NULL, "passwordHash" varchar(200) NOT NULL, "userId" integer, "active" boolean NOT NULL DEFAULT (1), "lastLoginAt" datetime(3), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "role" varchar(20) NOT NULL DEFAULT ('integrator'), CONSTRAINT "FK_f863dfb8d86c2d08b6b4ff9012b" FOREIGN KEY ("userId") REFERENCES "user" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`);
        await queryRunner.query(`INSERT INTO "temporary_admin_account"("id", "email", "name", "passwordHash", "userId", "active", "lastLoginAt", "createdAt", "updatedAt") SELECT "id", "email", "name", "passwordHash", "userId", "active", "lastLoginAt", "createdAt", "updatedAt" FROM "admin_account"`);
        await queryRunner.query(`DROP TABLE "admin_account"`);
        await queryRunner.query(`ALTER TABLE "temporary_admin_account" RENAME TO "admin_account"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_admin_account_email" ON "admin_account" ("email") `);
        // Accounts made before roles existed saw every company: they stay editors. New ones default to integrator.
        await queryRunner.query(`UPDATE "admin_account" SET "role" = 'editor'`);
        await queryRunner.query(`DROP INDEX "IDX_408cdb8cb8336e18a0eaf6aaa8"`);
        await queryRunner.query(`DROP INDEX "IDX_9132cd492dc8107d182a1a0523"`);
        await queryRunner.query(`CREATE TABLE "temporary_admin_account_company" ("adminAccountId" integer NOT NULL, "companyId" integer NOT NULL, CONSTRAINT "FK_408cdb8cb8336e18a0eaf6aaa87" FOREIGN KEY ("adminAccountId") REFERENCES "admin_account" ("id") ON DELETE CASCADE ON UPDATE CASCADE, CONSTRAINT "FK_9132cd492dc8107d182a1a05233" FOREIGN KEY ("companyId") REFERENCES "company" ("id") ON DELETE CASCADE ON UPDATE CASCADE, PRIMARY KEY ("adminAccountId", "companyId"))`);
        await queryRunner.query(`INSERT INTO "temporary_admin_account_company"("adminAccountId", "companyId") SELECT "adminAccountId", "companyId" FROM "admin_account_company"`);
        await queryRunner.query(`DROP TABLE "admin_account_company"`);
        await queryRunner.query(`ALTER TABLE "temporary_admin_account_company" RENAME TO "admin_account_company"`);
        await queryRunner.query(`CREATE INDEX "IDX_408cdb8cb8336e18a0eaf6aaa8" ON "admin_account_company" ("adminAccountId") `);
        await queryRunner.query(`CREATE INDEX "IDX_9132cd492dc8107d182a1a0523" ON "admin_account_company" ("companyId") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "IDX_9132cd492dc8107d182a1a0523"`);
        await queryRunner.query(`DROP INDEX "IDX_408cdb8cb8336e18a0eaf6aaa8"`);
        await queryRunner.query(`ALTER TABLE "admin_account_company" RENAME TO "temporary_admin_account_company"`);
        await queryRunner.query(`CREATE TABLE "admin_account_company" ("adminAccountId" integer NOT NULL, "companyId" integer NOT NULL, PRIMARY KEY ("adminAccountId", "companyId"))`);
        await queryRunner.query(`INSERT INTO "admin_account_company"("adminAccountId", "companyId") SELECT "adminAccountId", "companyId" FROM "temporary_admin_account_company"`);
        await queryRunner.query(`DROP TABLE "temporary_admin_account_company"`);
        await queryRunner.query(`CREATE INDEX "IDX_9132cd492dc8107d182a1a0523" ON "admin_account_company" ("companyId") `);
        await queryRunner.query(`CREATE INDEX "IDX_408cdb8cb8336e18a0eaf6aaa8" ON "admin_account_company" ("adminAccountId") `);
        await queryRunner.query(`DROP INDEX "UQ_admin_account_email"`);
        await queryRunner.query(`ALTER TABLE "admin_account" RENAME TO "temporary_admin_account"`);
        await queryRunner.query(`CREATE TABLE "admin_account" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "email" varchar(254) NOT NULL, "name" varchar(200) NOT NULL, "passwordHash" varchar(200) NOT NULL, "userId" integer, "active" boolean NOT NULL DEFAULT (1), "lastLoginAt" datetime(3), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_f863dfb8d86c2d08b6b4ff9012b" FOREIGN KEY ("userId") REFERENCES "user" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`);
        await queryRunner.query(`INSERT INTO "admin_account"("id", "email", "name", "passwordHash", "userId", "active", "lastLoginAt", "createdAt", "updatedAt") SELECT "id", "email", "name", "passwordHash", "userId", "active", "lastLoginAt", "createdAt", "updatedAt" FROM "temporary_admin_account"`);
        await queryRunner.query(`DROP TABLE "temporary_admin_account"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_admin_account_email" ON "admin_account" ("email") `);
        await queryRunner.query(`DROP INDEX "UQ_admin_account_email"`);
        await queryRunner.query(`ALTER TABLE "admin_account" RENAME TO "temporary_admin_account"`);
        await queryRunner.query(`CREATE TABLE "admin_account" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "email" varchar(254) NOT NULL, "name" varchar(200) NOT NULL, "passwordHash" varchar(200) NOT NULL, "userId" integer, "active" boolean NOT NULL DEFAULT (1), "failedAttempts" integer NOT NULL DEFAULT (0), "lockedUntil" datetime(3), "lastLoginAt" datetime(3), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_f863dfb8d86c2d08b6b4ff9012b" FOREIGN KEY ("userId") REFERENCES "user" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`);
        await queryRunner.query(`INSERT INTO "admin_account"("id", "email", "name", "passwordHash", "userId", "active", "lastLoginAt", "createdAt", "updatedAt") SELECT "id", "email", "name", "passwordHash", "userId", "active", "lastLoginAt", "createdAt", "updatedAt" FROM "temporary_admin_account"`);
        await queryRunner.query(`DROP TABLE "temporary_admin_account"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_admin_account_email" ON "admin_account" ("email") `);
        await queryRunner.query(`DROP INDEX "IDX_9132cd492dc8107d182a1a0523"`);
        await queryRunner.query(`DROP INDEX "IDX_408cdb8cb8336e18a0eaf6aaa8"`);
        await queryRunner.query(`DROP TABLE "admin_account_company"`);
        await queryRunner.query(`DROP TABLE "admin_login_throttle"`);
    }

}
