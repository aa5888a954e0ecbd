import type { MigrationInterface, QueryRunner } from "typeorm";

export class IdempotencyRecord1795000900000 implements MigrationInterface {
    name = 'IdempotencyRecord1795000900000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`idempotency_record\` (\`id\` int NOT NULL AUTO_INCREMENT, \`apiKeyId\` int NOT NULL, \`key\` varchar(255) NOT NULL, \`requestHash\` varchar(64) NOT NULL, \`status\` int NULL, \`response\` text NULL, \`createdAt\` datetime(3) NOT NULL, INDEX \`IDX_idempotency_record_created\` (\`createdAt\`), UNIQUE INDEX \`UQ_idempotency_record_key\` (\`apiKeyId\`, \`key\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX \`UQ_idempotency_record_key\` ON \`idempotency_record\``);
        await queryRunner.query(`DROP INDEX \`IDX_idempotency_record_created\` ON \`idempotency_record\``);
        await queryRunner.query(`DROP TABLE \`idempotency_record\``);
    }

}
