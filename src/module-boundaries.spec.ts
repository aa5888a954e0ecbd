import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from '@jest/globals';
import ts from 'typescript';

/**
 * Each module under `src/<module>/` owns the entities declared in it, and only it reads or writes their tables; other
 * modules go through its exported services. This scans the sources and names every file that reaches a foreign
 * entity's table:
 * - a value import of another module's entity class (what `TypeOrmModule.forFeature`, `@InjectRepository`,
 *   `getRepository`, `manager.find/insert/update(Entity, …)` and `createQueryBuilder(Entity, …)` all need), while
 *   `import type` stays free: a type gives no access to a table;
 * - another module's entity registered in `TypeOrmModule.forFeature`, or named by string in `getRepository('…')`;
 * - raw SQL naming another module's table (`FROM`, `JOIN`, `INTO`, `UPDATE`), or a query builder joining it by name.
 *
 * The exceptions, and why:
 * - `src/database/`: the data source's entity list and the migrations create and know every table by design;
 * - `admin/` (not under `src/`, so not scanned): the AdminJS resources are the entities themselves, the back-office being
 *   the integrator's view of the tables; its actions go through the services;
 * - an entity's relation decorator (`@ManyToOne(() => Company)`): TypeORM needs the target class for the foreign key,
 *   which gives no repository. Anywhere else in an entity file the foreign class is flagged like in any other file.
 */

const SRC = dirname(fileURLToPath(import.meta.url));
const EXEMPT_DIRECTORIES = ['database'];
const RELATION_DECORATORS = new Set(['ManyToOne', 'OneToMany', 'ManyToMany', 'OneToOne']);
// Upper-case keywords only, as the SQL here is written: an English message saying "from user" is no query.
const SQL_TABLE = /\b(?:FROM|JOIN|INTO|UPDATE)\s+[`"']?([A-Za-z_][A-Za-z0-9_]*)/g;
// Calls whose first argument may name an entity or a table (not `createQueryBuilder('user')`, whose argument is an alias).
const BY_NAME_CALLS = /^(?:getRepository|(?:inner|left)Join(?:AndSelect)?|from|into)$/;

export interface SourceFile {
  /** Path relative to `src/`, with `/` separators (e.g. `billing/billing.service.ts`). */
  path: string;
  text: string;
}

interface Ownership {
  /** Entity class name → owning module. */
  entities: Map<string, string>;
  /** Entity class name → its file (relative to `src/`, without extension). */
  entityFiles: Map<string, string>;
  /** Table name (entity tables and join tables) → owning module. */
  tables: Map<string, string>;
}

export function moduleOf(path: string): string {
  const parts = path.split('/');
  return parts.length > 1 ? parts[0]! : '(root)';
}

function parse(file: SourceFile): ts.SourceFile {
  return ts.createSourceFile(file.path, file.text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
}

function decoratorName(decorator: ts.Decorator): string | undefined {
  const call = decorator.expression;
  const callee = ts.isCallExpression(call) ? call.expression : call;
  return ts.isIdentifier(callee) ? callee.text : undefined;
}

function firstStringArgument(decorator: ts.Decorator): string | undefined {
  const call = decorator.expression;
  if (!ts.isCallExpression(call)) return undefined;
  const [first] = call.arguments;
  return first && ts.isStringLiteralLike(first) ? first.text : undefined;
}

export function ownership(files: SourceFile[]): Ownership {
  const owned: Ownership = { entities: new Map(), entityFiles: new Map(), tables: new Map() };
  for (const file of files) {
    const module = moduleOf(file.path);
    const visit = (node: ts.Node): void => {
      if (ts.isClassDeclaration(node) && node.name) {
        const entity = ts.getDecorators(node)?.find((decorator) => decoratorName(decorator) === 'Entity');
        if (entity) {
          const previous = owned.entities.get(node.name.text);
          if (previous !== undefined && previous !== module)
            throw new Error(`Entity class ${node.name.text} is declared in two modules (${previous}, ${module})`);
          owned.entities.set(node.name.text, module);
          owned.entityFiles.set(node.name.text, file.path.replace(/\.ts$/, ''));
          owned.tables.set(firstStringArgument(entity) ?? snakeCase(node.name.text), module);
        }
      }
      if (ts.isDecorator(node) && decoratorName(node) === 'JoinTable' && ts.isCallExpression(node.expression)) {
        const [options] = node.expression.arguments;
        const name =
          options && ts.isObjectLiteralExpression(options)
            ? options.properties.find((p) => p.name?.getText() === 'name')
            : undefined;
        if (name && ts.isPropertyAssignment(name) && ts.isStringLiteralLike(name.initializer))
          owned.tables.set(name.initializer.text, module);
      }
      ts.forEachChild(node, visit);
    };
    visit(parse(file));
  }
  return owned;
}

function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

function isInTypePosition(node: ts.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isTypeNode(current) || ts.isTypeAliasDeclaration(current) || ts.isInterfaceDeclaration(current)) return true;
  }
  return false;
}

function isInRelationDecorator(node: ts.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isDecorator(current)) return RELATION_DECORATORS.has(decoratorName(current) ?? '');
  }
  return false;
}

/** Every reach into a foreign entity's table in one file, as `path: what`. */
export function violationsIn(file: SourceFile, owned: Ownership): string[] {
  const module = moduleOf(file.path);
  if (EXEMPT_DIRECTORIES.includes(module)) return [];
  const source = parse(file);
  const found: string[] = [];
  const foreign = (owner: string | undefined): owner is string => owner !== undefined && owner !== module;
  // Local names bound by value imports of another module's entity file, with the entity's class.
  const imported = new Map<string, string>();

  for (const statement of source.statements) {
    if (
      !(ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) ||
      !statement.moduleSpecifier ||
      !ts.isStringLiteral(statement.moduleSpecifier)
    )
      continue;
    const target = relative(SRC, resolve(SRC, dirname(file.path), statement.moduleSpecifier.text))
      .split(sep)
      .join('/')
      .replace(/\.js$/, '');
    const entitiesThere = [...owned.entityFiles].filter(([, path]) => path === target).map(([name]) => name);
    if (entitiesThere.length === 0 || !foreign(owned.entities.get(entitiesThere[0]!))) continue;
    if (ts.isExportDeclaration(statement)) {
      if (!statement.isTypeOnly)
        found.push(
          `${file.path}: re-exports ${statement.moduleSpecifier.text} of module ${owned.entities.get(entitiesThere[0]!)}`,
        );
      continue;
    }
    const clause = statement.importClause;
    if (!clause || clause.isTypeOnly) continue;
    const bindings = clause.namedBindings;
    if (clause.name || (bindings && ts.isNamespaceImport(bindings))) {
      found.push(
        `${file.path}: imports the whole of ${statement.moduleSpecifier.text} (module ${owned.entities.get(entitiesThere[0]!)})`,
      );
      continue;
    }
    for (const element of bindings && ts.isNamedImports(bindings) ? bindings.elements : []) {
      const name = (element.propertyName ?? element.name).text;
      if (!element.isTypeOnly && entitiesThere.includes(name)) imported.set(element.name.text, name);
    }
  }

  const isEntityFile = [...owned.entityFiles.values()].includes(file.path.replace(/\.ts$/, ''));
  const reported = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (
      ts.isIdentifier(node) &&
      imported.has(node.text) &&
      !ts.isImportSpecifier(node.parent) &&
      !isInTypePosition(node)
    ) {
      const entity = imported.get(node.text)!;
      if (!(isEntityFile && isInRelationDecorator(node)) && !reported.has(entity)) {
        reported.add(entity);
        found.push(`${file.path}: uses entity ${entity} of module ${owned.entities.get(entity)} as a value`);
      }
    }
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if (ts.isPropertyAccessExpression(callee) && callee.getText() === 'TypeOrmModule.forFeature') {
        const [list] = node.arguments;
        for (const element of list && ts.isArrayLiteralExpression(list) ? list.elements : []) {
          const name = ts.isIdentifier(element) ? (imported.get(element.text) ?? element.text) : undefined;
          if (name && foreign(owned.entities.get(name)))
            found.push(
              `${file.path}: registers entity ${name} of module ${owned.entities.get(name)} in TypeOrmModule.forFeature`,
            );
        }
      }
      const method = ts.isPropertyAccessExpression(callee)
        ? callee.name.text
        : ts.isIdentifier(callee)
          ? callee.text
          : '';
      if (BY_NAME_CALLS.test(method)) {
        const [argument] = node.arguments;
        if (argument && ts.isStringLiteralLike(argument)) {
          const owner = owned.tables.get(argument.text) ?? owned.entities.get(argument.text);
          if (foreign(owner))
            found.push(`${file.path}: ${method}('${argument.text}') reaches a table of module ${owner}`);
        }
      }
    }
    if (
      ts.isStringLiteralLike(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    ) {
      for (const match of node.text.matchAll(SQL_TABLE)) {
        const owner = owned.tables.get(match[1]!);
        if (foreign(owner)) found.push(`${file.path}: SQL "${match[0]}" names a table of module ${owner}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function sourcesUnder(directory: string): SourceFile[] {
  return (
    readdirSync(directory, { recursive: true, encoding: 'utf8' })
      .filter((path) => path.endsWith('.ts') && !path.endsWith('.d.ts'))
      .map((path) => ({ path: path.split(sep).join('/'), text: readFileSync(join(directory, path), 'utf8') }))
      // This file's own examples break the rule on purpose.
      .filter((file) => file.path !== 'module-boundaries.spec.ts')
  );
}

describe('module boundaries', () => {
  const files = sourcesUnder(SRC);
  const owned = ownership(files);

  it('should know who owns each entity and table', () => {
    expect(owned.entities.get('Company')).toBe('companies');
    expect(owned.entities.get('BankTransaction')).toBe('statements');
    expect(owned.tables.get('bridge_config_company')).toBe('bridge-config');
    expect(owned.tables.get('statement_line')).toBe('statements');
    expect(owned.entities.size).toBeGreaterThanOrEqual(17);
  });

  it('should let no module reach the table of an entity another module owns', () => {
    expect(files.flatMap((file) => violationsIn(file, owned))).toEqual([]);
  });

  // The rule itself, on small sources: it must be able to fail.
  describe('the checker', () => {
    const fixtures: SourceFile[] = [
      { path: 'companies/company.entity.ts', text: "@Entity('company') export class Company {}" },
      {
        path: 'users/user.entity.ts',
        text: "import { Company } from '../companies/company.entity.js';\n@Entity('user') export class User { @ManyToOne(() => Company) company: Relation<Company>; }",
      },
    ];
    const fixtureOwnership = ownership(fixtures);
    const check = (path: string, text: string) => violationsIn({ path, text }, fixtureOwnership);

    it('should flag a value import of a foreign entity, and not a type import', () => {
      expect(
        check('billing/a.ts', "import { User } from '../users/user.entity.js';\nconst r = ds.getRepository(User);"),
      ).toHaveLength(1);
      expect(check('billing/a.ts', "import type { User } from '../users/user.entity.js';\nlet u: User;")).toEqual([]);
      expect(check('billing/a.ts', "import { type User } from '../users/user.entity.js';\nlet u: User;")).toEqual([]);
    });

    it('should flag a foreign entity in TypeOrmModule.forFeature', () => {
      expect(
        check(
          'auth/auth.module.ts',
          "import { Company } from '../companies/company.entity.js';\nTypeOrmModule.forFeature([Company]);",
        ).join(),
      ).toMatch(/forFeature/);
    });

    it('should flag raw SQL and joins by name on a foreign table', () => {
      expect(check('billing/a.ts', "ds.query('SELECT email FROM user WHERE id = ?');")).toHaveLength(1);
      expect(check('billing/a.ts', "qb.innerJoin('company', 'c', 'c.id = x.companyId');")).toHaveLength(1);
      expect(check('users/a.ts', "ds.query('SELECT email FROM user WHERE id = ?');")).toEqual([]);
    });

    it('should let an entity name a foreign entity in its relation decorators only', () => {
      expect(fixtures.flatMap((file) => violationsIn(file, fixtureOwnership))).toEqual([]);
      expect(
        check(
          'users/user.entity.ts',
          "import { Company } from '../companies/company.entity.js';\n@Entity('user') export class User {}\nCompany.find();",
        ),
      ).toHaveLength(1);
    });

    it('should let the database layer name every entity', () => {
      expect(
        check(
          'database/entities.ts',
          "import { Company } from '../companies/company.entity.js';\nexport const ENTITIES = [Company];",
        ),
      ).toEqual([]);
    });
  });
});
