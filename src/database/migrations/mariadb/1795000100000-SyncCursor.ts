import type { MigrationInterface, QueryRunner } from "typeorm";

export class SyncCursor1795000100000 implements MigrationInterface {
    name = 'SyncCursor1795000100000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`bank_account_sync_cursor\` (\`id\` int NOT NULL AUTO_INCREMENT, \`bankAccountId\` int NOT NULL, \`bridgeAccountId\` bigint NOT NULL, \`updatedAt\` varchar(40) NOT NULL, \`syncedAt\` datetime(3) NOT NULL, UNIQUE INDEX \`UQ_sync_cursor_account\` (\`bankAccountId\`, \`bridgeAccountId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX \`UQ_sync_cursor_account\` ON \`bank_account_sync_cursor\``);
        await queryRunner.query(`DROP TABLE \`bank_account_sync_cursor\``);
    }

}
