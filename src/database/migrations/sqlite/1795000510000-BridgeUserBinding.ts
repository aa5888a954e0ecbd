import type { MigrationInterface, QueryRunner } from "typeorm";

export class BridgeUserBinding1795000510000 implements MigrationInterface {
    name = 'BridgeUserBinding1795000510000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "bridge_user_binding" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "bridgeConfigId" integer NOT NULL, "email" varchar(254) NOT NULL, "companyId" integer NOT NULL, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`CREATE INDEX "IDX_bridge_user_binding_company" ON "bridge_user_binding" ("companyId") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_bridge_user_binding_config_email" ON "bridge_user_binding" ("bridgeConfigId", "email") `);
        // Companies that already used a Bridge user keep it: the first company seen with an e-mail on a configuration.
        await queryRunner.query(`INSERT INTO "bridge_user_binding" ("bridgeConfigId", "email", "companyId", "createdAt") SELECT "l"."bridgeConfigId", LOWER("l"."email"), "l"."companyId", "l"."at" FROM "connection_log" "l" WHERE "l"."id" IN (SELECT MIN("f"."id") FROM "connection_log" "f" WHERE "f"."bridgeConfigId" IS NOT NULL AND "f"."email" IS NOT NULL AND "f"."companyId" IS NOT NULL GROUP BY "f"."bridgeConfigId", LOWER("f"."email"))`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "UQ_bridge_user_binding_config_email"`);
        await queryRunner.query(`DROP INDEX "IDX_bridge_user_binding_company"`);
        await queryRunner.query(`DROP TABLE "bridge_user_binding"`);
    }

}
