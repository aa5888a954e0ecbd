import type { MigrationInterface, QueryRunner } from "typeorm";

export class LineStale1795000400000 implements MigrationInterface {
    name = 'LineStale1795000400000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`bank_transaction\` ADD \`lineStale\` tinyint NOT NULL DEFAULT 0`);
        await queryRunner.query(`CREATE INDEX \`IDX_bank_transaction_line_stale\` ON \`bank_transaction\` (\`bankAccountId\`, \`lineStale\`)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX \`IDX_bank_transaction_line_stale\` ON \`bank_transaction\``);
        await queryRunner.query(`ALTER TABLE \`bank_transaction\` DROP COLUMN \`lineStale\``);
    }

}
