import type { MigrationInterface, QueryRunner } from "typeorm";

export class FunnelContext1795000520000 implements MigrationInterface {
    name = 'FunnelContext1795000520000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`funnel_context\` (\`id\` int NOT NULL AUTO_INCREMENT, \`nonce\` varchar(32) NOT NULL, \`statementId\` int NOT NULL, \`userId\` int NOT NULL, \`companyId\` int NOT NULL, \`bridgeConfigId\` int NOT NULL, \`email\` varchar(254) NOT NULL, \`bridgeUserUuid\` varchar(64) NOT NULL, \`expiresAt\` datetime(3) NOT NULL, \`consumedAt\` datetime(3) NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`UQ_funnel_context_nonce\` (\`nonce\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX \`UQ_funnel_context_nonce\` ON \`funnel_context\``);
        await queryRunner.query(`DROP TABLE \`funnel_context\``);
    }

}
