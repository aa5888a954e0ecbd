import type { MigrationInterface, QueryRunner } from "typeorm";

export class ApiLogCompany1795000500000 implements MigrationInterface {
    name = 'ApiLogCompany1795000500000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`api_log\` ADD \`companyId\` int NULL`);
        await queryRunner.query(`CREATE INDEX \`IDX_api_log_company_at\` ON \`api_log\` (\`companyId\`, \`at\`)`);
        // Rows of a configuration that serves one company were made for that company; those of a shared one stay
        // without a company, visible to editor keys only.
        await queryRunner.query(`UPDATE \`api_log\` SET \`companyId\` = (SELECT MIN(\`link\`.\`companyId\`) FROM \`bridge_config_company\` \`link\` WHERE \`link\`.\`bridgeConfigId\` = \`api_log\`.\`bridgeConfigId\`) WHERE \`bridgeConfigId\` IN (SELECT \`bridgeConfigId\` FROM \`bridge_config_company\` GROUP BY \`bridgeConfigId\` HAVING COUNT(*) = 1)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX \`IDX_api_log_company_at\` ON \`api_log\``);
        await queryRunner.query(`ALTER TABLE \`api_log\` DROP COLUMN \`companyId\``);
    }

}
