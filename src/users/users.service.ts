import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';

import type { AccessScope } from '../auth/access-scope.js';
import { Clock } from '../common/clock/clock.js';
import { ConflictError, NotFoundError } from '../common/errors/domain-errors.js';
import { pageWindow, type Page } from '../common/pagination/page.js';
import { CompaniesService } from '../companies/companies.service.js';
import type { CreateUserDto, ListUsersQueryDto, UpdateUserDto } from './dto/user.dto.js';
import { User } from './user.entity.js';

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly companies: CompaniesService,
    private readonly clock: Clock,
  ) {}

  async create(input: CreateUserDto, scope: AccessScope): Promise<User> {
    await this.companies.get(input.companyId, scope, 'companyId');
    await this.assertLoginFree(input.companyId, input.login);
    return this.users.save(
      this.users.create({
        companyId: input.companyId,
        name: input.name,
        login: input.login,
        email: input.email ?? null,
        active: input.active ?? true,
      }),
    );
  }

  async list(query: ListUsersQueryDto, scope: AccessScope): Promise<Page<User>> {
    const { limit, offset } = pageWindow(query);
    const companyIds = scope.companyFilter(query.companyId);
    const [items, total] = await this.users.findAndCount({
      where: companyIds ? { companyId: In(companyIds) } : {},
      order: { id: 'ASC' },
      take: limit,
      skip: offset,
    });
    return { items, total, limit, offset };
  }

  async get(id: number, scope: AccessScope, field?: string): Promise<User> {
    const user = await this.users.findOneBy({ id });
    if (!user || !scope.canAccess(user.companyId)) {
      throw new NotFoundError('User', id, field);
    }
    return user;
  }

  async update(id: number, input: UpdateUserDto, scope: AccessScope): Promise<User> {
    const user = await this.get(id, scope);
    if (input.login !== undefined && input.login !== user.login) {
      await this.assertLoginFree(user.companyId, input.login);
    }
    if (input.name !== undefined) user.name = input.name;
    if (input.login !== undefined) user.login = input.login;
    if (input.email !== undefined) user.email = input.email;
    if (input.active !== undefined && input.active !== user.active) {
      user.active = input.active;
      user.deactivatedAt = input.active ? null : this.clock.now();
    }
    return this.users.save(user);
  }

  /** The e-mails (as stored, null for none) of the company's users that existed and were enabled at `at` (billing). */
  async emailsOfUsersEnabledAt(companyId: number, at: Date): Promise<(string | null)[]> {
    const users = await this.users
      .createQueryBuilder('user')
      .where('user.companyId = :companyId', { companyId })
      .andWhere('user.email IS NOT NULL')
      .andWhere('user.createdAt <= :start', { start: at })
      .andWhere('(user.active = 1 OR user.deactivatedAt > :start)', { start: at })
      .getMany();
    return users.map((user) => user.email);
  }

  private async assertLoginFree(companyId: number, login: string): Promise<void> {
    if (await this.users.existsBy({ companyId, login })) {
      throw new ConflictError(
        'login.taken',
        `login: "${login}" is already used by another user of company ${companyId}`,
        'login',
      );
    }
  }
}
