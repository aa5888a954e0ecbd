import type { MigrationInterface, QueryRunner } from "typeorm";

export class StatementTotals1795001600000 implements MigrationInterface {
    name = 'StatementTotals1795001600000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`bank_statement\` ADD \`lineCount\` int NOT NULL DEFAULT 0, ADD \`reversedLineCount\` int NOT NULL DEFAULT 0, ADD \`lineTotalCents\` bigint NOT NULL DEFAULT 0`);
        await queryRunner.query(`UPDATE \`bank_statement\` SET \`lineCount\` = (SELECT COUNT(*) FROM \`statement_line\` WHERE \`statement_line\`.\`statementId\` = \`bank_statement\`.\`id\` AND \`statement_line\`.\`bankDeleted\` = 0), \`reversedLineCount\` = (SELECT COUNT(*) FROM \`statement_line\` WHERE \`statement_line\`.\`statementId\` = \`bank_statement\`.\`id\` AND \`statement_line\`.\`bankDeleted\` = 1), \`lineTotalCents\` = COALESCE((SELECT SUM(ROUND(\`statement_line\`.\`amount\` * 100)) FROM \`statement_line\` WHERE \`statement_line\`.\`statementId\` = \`bank_statement\`.\`id\` AND \`statement_line\`.\`bankDeleted\` = 0), 0)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`bank_statement\` DROP COLUMN \`lineTotalCents\`, DROP COLUMN \`reversedLineCount\`, DROP COLUMN \`lineCount\``);
    }

}
