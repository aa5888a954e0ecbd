import type { MigrationInterface, QueryRunner } from "typeorm";

export class BridgeUserBinding1795000510000 implements MigrationInterface {
    name = 'BridgeUserBinding1795000510000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`bridge_user_binding\` (\`id\` int NOT NULL AUTO_INCREMENT, \`bridgeConfigId\` int NOT NULL, \`email\` varchar(254) NOT NULL, \`companyId\` int NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_bridge_user_binding_company\` (\`companyId\`), UNIQUE INDEX \`UQ_bridge_user_binding_config_email\` (\`bridgeConfigId\`, \`email\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        // Companies that already used a Bridge user keep it: the first company seen with an e-mail on a configuration.
        await queryRunner.query(`INSERT INTO \`bridge_user_binding\` (\`bridgeConfigId\`, \`email\`, \`companyId\`, \`createdAt\`) SELECT \`l\`.\`bridgeConfigId\`, LOWER(\`l\`.\`email\`), \`l\`.\`companyId\`, \`l\`.\`at\` FROM \`connection_log\` \`l\` WHERE \`l\`.\`id\` IN (SELECT MIN(\`f\`.\`id\`) FROM \`connection_log\` \`f\` WHERE \`f\`.\`bridgeConfigId\` IS NOT NULL AND \`f\`.\`email\` IS NOT NULL AND \`f\`.\`companyId\` IS NOT NULL GROUP BY \`f\`.\`bridgeConfigId\`, LOWER(\`f\`.\`email\`))`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX \`UQ_bridge_user_binding_config_email\` ON \`bridge_user_binding\``);
        await queryRunner.query(`DROP INDEX \`IDX_bridge_user_binding_company\` ON \`bridge_user_binding\``);
        await queryRunner.query(`DROP TABLE \`bridge_user_binding\``);
    }

}
