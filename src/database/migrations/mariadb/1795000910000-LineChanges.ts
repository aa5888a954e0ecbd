import type { MigrationInterface, QueryRunner } from "typeorm";

export class LineChanges1795000910000 implements MigrationInterface {
    name = 'LineChanges1795000910000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`statement_line\` ADD \`createdSeq\` bigint NOT NULL DEFAULT 0`);
        await queryRunner.query(`ALTER TABLE \`statement_line\` ADD \`changeSeq\` bigint NOT NULL DEFAULT 0`);
        // Existing lines enter the changes feed in id order; the sequence goes on after them.
        await queryRunner.query(`UPDATE \`statement_line\` SET \`createdSeq\` = \`id\`, \`changeSeq\` = \`id\``);
        await queryRunner.query(`CREATE INDEX \`IDX_statement_line_change\` ON \`statement_line\` (\`statementId\`, \`changeSeq\`)`);
        await queryRunner.query(`CREATE TABLE \`statement_line_sequence\` (\`id\` int NOT NULL, \`value\` bigint NOT NULL, PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`INSERT INTO \`statement_line_sequence\` (\`id\`, \`value\`) SELECT 1, COALESCE(MAX(\`id\`), 0) FROM \`statement_line\``);
        await queryRunner.query(`CREATE TABLE \`statement_line_tombstone\` (\`id\` int NOT NULL AUTO_INCREMENT, \`lineId\` int NOT NULL, \`statementId\` int NOT NULL, \`changeSeq\` bigint NOT NULL, \`removedAt\` datetime(3) NOT NULL, INDEX \`IDX_statement_line_tombstone_change\` (\`statementId\`, \`changeSeq\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX \`IDX_statement_line_tombstone_change\` ON \`statement_line_tombstone\``);
        await queryRunner.query(`DROP TABLE \`statement_line_tombstone\``);
        await queryRunner.query(`DROP TABLE \`statement_line_sequence\``);
        await queryRunner.query(`DROP INDEX \`IDX_statement_line_change\` ON \`statement_line\``);
        await queryRunner.query(`ALTER TABLE \`statement_line\` DROP COLUMN \`changeSeq\``);
        await queryRunner.query(`ALTER TABLE \`statement_line\` DROP COLUMN \`createdSeq\``);
    }

}
