import type { MigrationInterface, QueryRunner } from "typeorm";

export class ApiLogCompany1795000500000 implements MigrationInterface {
    name = 'ApiLogCompany1795000500000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "IDX_api_log_config_at"`);
        await queryRunner.query(`DROP INDEX "IDX_api_log_at"`);
        await queryRunner.query(`CREATE TABLE "temporary_api_log" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "at" datetime(3) NOT NULL, "bridgeConfigId" integer, "method" varchar(10) NOT NULL, "path" varchar(1000) NOT NULL, "status" integer, "durationMs" integer NOT NULL, "requestBody" text, "responseBody" text, "error" text, "companyId" integer)`);
        await queryRunner.query(`INSERT INTO "temporary_api_log"("id", "at", "bridgeConfigId", "method", "path", "status", "durationMs", "requestBody", "responseBody", "error") SELECT "id", "at", "bridgeConfigId", "method", "path", "status", "durationMs", "requestBody", "responseBody", "error" FROM "api_log"`);
        await queryRunner.query(`DROP TABLE "api_log"`);
        await queryRunner.query(`ALTER TABLE "temporary_api_log" RENAME TO "api_log"`);
        await queryRunner.query(`CREATE INDEX "IDX_api_log_config_at" ON "api_log" ("bridgeConfigId", "at") `);
        await queryRunner.query(`CREATE INDEX "IDX_api_log_at" ON "api_log" ("at") `);
        await queryRunner.query(`CREATE INDEX "IDX_api_log_company_at" ON "api_log" ("companyId", "at") `);
        // Rows of a configuration that serves one company were made for that company; those of a shared one stay
        // without a company, visible to editor keys only.
        await queryRunner.query(`UPDATE "api_log" SET "companyId" = (SELECT MIN("link"."companyId") FROM "bridge_config_company" "link" WHERE "link"."bridgeConfigId" = "api_log"."bridgeConfigId") WHERE "bridgeConfigId" IN (SELECT "bridgeConfigId" FROM "bridge_config_company" GROUP BY "bridgeConfigId" HAVING COUNT(*) = 1)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "IDX_api_log_company_at"`);
        await queryRunner.query(`DROP INDEX "IDX_api_log_at"`);
        await queryRunner.query(`DROP INDEX "IDX_api_log_config_at"`);
        await queryRunner.query(`ALTER TABLE "api_log" RENAME TO "temporary_api_log"`);
        await queryRunner.query(`CREATE TABLE "api_log" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "at" datetime(3) NOT NULL, "bridgeConfigId" integer, "method" varchar(10) NOT NULL, "path" varchar(1000) NOT NULL, "status" integer, "durationMs" integer NOT NULL, "requestBody" text, "responseBody" text, "error" text)`);
        await queryRunner.query(`INSERT INTO "api_log"("id", "at", "bridgeConfigId", "method", "path", "status", "durationMs", "requestBody", "responseBody", "error") SELECT "id", "at", "bridgeConfigId", "method", "path", "status", "durationMs", "requestBody", "responseBody", "error" FROM "temporary_api_log"`);
        await queryRunner.query(`DROP TABLE "temporary_api_log"`);
        await queryRunner.query(`CREATE INDEX "IDX_api_log_at" ON "api_log" ("at") `);
        await queryRunner.query(`CREATE INDEX "IDX_api_log_config_at" ON "api_log" ("bridgeConfigId", "at") `);
    }

}
