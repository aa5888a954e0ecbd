import type { MigrationInterface, QueryRunner } from "typeorm";

export class SyncCursor1795000100000 implements MigrationInterface {
    name = 'SyncCursor1795000100000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "bank_account_sync_cursor" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "bankAccountId" integer NOT NULL, "bridgeAccountId" bigint NOT NULL, "updatedAt" varchar(40) NOT NULL, "syncedAt" datetime(3) NOT NULL)`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_sync_cursor_account" ON "bank_account_sync_cursor" ("bankAccountId", "bridgeAccountId") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "UQ_sync_cursor_account"`);
        await queryRunner.query(`DROP TABLE "bank_account_sync_cursor"`);
    }

}
