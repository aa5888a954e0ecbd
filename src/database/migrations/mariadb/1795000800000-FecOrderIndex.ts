import type { MigrationInterface, QueryRunner } from "typeorm";

export class FecOrderIndex1795000800000 implements MigrationInterface {
    name = 'FecOrderIndex1795000800000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE INDEX \`IDX_journal_entry_fec_order\` ON \`journal_entry\` (\`companyId\`, \`fiscalYear\`, \`validatedAt\`, \`journalCode\`, \`number\`)`);
        await queryRunner.query(`DROP INDEX \`IDX_journal_entry_company_year\` ON \`journal_entry\``);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE INDEX \`IDX_journal_entry_company_year\` ON \`journal_entry\` (\`companyId\`, \`fiscalYear\`, \`validatedAt\`)`);
        await queryRunner.query(`DROP INDEX \`IDX_journal_entry_fec_order\` ON \`journal_entry\``);
    }

}
