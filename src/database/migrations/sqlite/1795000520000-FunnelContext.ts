import type { MigrationInterface, QueryRunner } from "typeorm";

export class FunnelContext1795000520000 implements MigrationInterface {
    name = 'FunnelContext1795000520000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "funnel_context" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "nonce" varchar(32) NOT NULL, "statementId" integer NOT NULL, "userId" integer NOT NULL, "companyId" integer NOT NULL, "bridgeConfigId" integer NOT NULL, "email" varchar(254) NOT NULL, "bridgeUserUuid" varchar(64) NOT NULL, "expiresAt" datetime(3) NOT NULL, "consumedAt" datetime(3), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_funnel_context_nonce" ON "funnel_context" ("nonce") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "UQ_funnel_context_nonce"`);
        await queryRunner.query(`DROP TABLE "funnel_context"`);
    }

}
