import type { MigrationInterface, QueryRunner } from "typeorm";

export class UserDeactivatedAt1795000300000 implements MigrationInterface {
    name = 'UserDeactivatedAt1795000300000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "UQ_user_company_login"`);
        await queryRunner.query(`DROP INDEX "IDX_user_email"`);
        await queryRunner.query(`CREATE TABLE "temporary_user" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "companyId" integer NOT NULL, "name" varchar(200) NOT NULL, "login" varchar(100) NOT NULL, "email" varchar(254), "active" boolean NOT NULL DEFAULT (1), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "deactivatedAt" datetime(3), CONSTRAINT "FK_86586021a26d1180b0968f98502" FOREIGN KEY ("companyId") REFERENCES "company" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
        await queryRunner.query(`INSERT INTO "temporary_user"("id", "companyId", "name", "login", "email", "active", "createdAt", "updatedAt") SELECT "id", "companyId", "name", "login", "email", "active", "createdAt", "updatedAt" FROM "user"`);
        await queryRunner.query(`DROP TABLE "user"`);
        await queryRunner.query(`ALTER TABLE "temporary_user" RENAME TO "user"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_user_company_login" ON "user" ("companyId", "login") `);
        await queryRunner.query(`CREATE INDEX "IDX_user_email" ON "user" ("email") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "IDX_user_email"`);
        await queryRunner.query(`DROP INDEX "UQ_user_company_login"`);
        await queryRunner.query(`ALTER TABLE "user" RENAME TO "temporary_user"`);
        await queryRunner.query(`CREATE TABLE "user" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "companyId" integer NOT NULL, "name" varchar(200) NOT NULL, "login" varchar(100) NOT NULL, "email" varchar(254), "active" boolean NOT NULL DEFAULT (1), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_86586021a26d1180b0968f98502" FOREIGN KEY ("companyId") REFERENCES "company" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
        await queryRunner.query(`INSERT INTO "user"("id", "companyId", "name", "login", "email", "active", "createdAt", "updatedAt") SELECT "id", "companyId", "name", "login", "email", "active", "createdAt", "updatedAt" FROM "temporary_user"`);
        await queryRunner.query(`DROP TABLE "temporary_user"`);
        await queryRunner.query(`CREATE INDEX "IDX_user_email" ON "user" ("email") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_user_company_login" ON "user" ("companyId", "login") `);
    }

}
