import type { ActionContext, ActionHandler, ActionRequest, RecordActionResponse } from 'adminjs';

import type { AccessScope } from '../src/auth/access-scope.js';
import { typedPayload, type FieldKind } from './payload.js';
import { NO_WRITES, scopeOf, type AdminDeps } from './resource-kit.js';
import { FIX_FIELDS, refusalOf, validatePayload } from './validation.js';

/** What writes a resource: its domain service itself (users, bank accounts…) or a few lines around one. */
export interface ResourceWriter<C extends object, U extends object> {
  create(value: C, scope: AccessScope, context: ActionContext): Promise<{ id: number }>;
  update(id: number, value: U, scope: AccessScope, context: ActionContext): Promise<unknown>;
}

/** How a resource's new/edit forms reach its domain service. */
export interface ServiceSpec<C extends object, U extends object> {
  fields: Record<string, FieldKind>;
  /** The fields of the edit form, when they differ (e.g. the company of a record is set once). */
  updateFields?: Record<string, FieldKind>;
  createDto: new () => C;
  updateDto: new () => U;
  /** Adjusts the typed payload before validation (e.g. an empty write-only secret means "unchanged"). */
  prepare?: (value: Record<string, unknown>) => Record<string, unknown>;
  writer: ResourceWriter<C, U>;
}

/**
 * new/edit actions that go through a domain service, with the API's validation: French messages per field for the
 * DTO's rules, and from the code table for the service's refusals. Deleting is never offered.
 */
export function serviceActions<C extends object, U extends object>(deps: AdminDeps, spec: ServiceSpec<C, U>) {
  const { ValidationError, BaseRecord } = deps.adminjs;
  const apply = async <T extends object, R>(
    dto: new () => T,
    raw: Record<string, unknown>,
    fields: Record<string, FieldKind>,
    work: (value: T) => Promise<R>,
  ): Promise<R> => {
    const typed = typedPayload(raw, fields);
    const { value, errors } = await validatePayload(dto, spec.prepare ? spec.prepare(typed) : typed);
    if (Object.keys(errors).length > 0) throw new ValidationError(errors, { message: FIX_FIELDS });
    try {
      return await work(value);
    } catch (error) {
      const refusal = refusalOf(error);
      // On its field when it names one, else as the form's message.
      if (refusal?.field)
        throw new ValidationError({ [refusal.field]: { message: refusal.message } }, { message: FIX_FIELDS });
      if (refusal) throw new ValidationError({}, { message: refusal.message });
      throw error;
    }
  };
  const resourceId = (context: ActionContext) => context.resource._decorated?.id() || context.resource.id();

  const create: ActionHandler<RecordActionResponse> = async (request: ActionRequest, _response, context) => {
    const { resource, h, currentAdmin } = context;
    if (request.method !== 'post') return { record: new BaseRecord({}, resource).toJSON(currentAdmin) };
    const created = await apply(spec.createDto, request.payload ?? {}, spec.fields, (value) =>
      spec.writer.create(value, scopeOf(context), context),
    );
    const record = await resource.findOne(String(created.id), context);
    return {
      redirectUrl: h.resourceUrl({ resourceId: resourceId(context) }),
      notice: { message: 'successfullyCreated', type: 'success' },
      record: (record ?? new BaseRecord({}, resource)).toJSON(currentAdmin),
    };
  };
  const edit: ActionHandler<RecordActionResponse> = async (request: ActionRequest, _response, context) => {
    const { resource, h, currentAdmin } = context;
    const record = context.record!;
    if (request.method !== 'post') return { record: record.toJSON(currentAdmin) };
    const id = Number(record.id());
    const payload = request.payload ?? {};
    try {
      await apply(spec.updateDto, payload, spec.updateFields ?? spec.fields, (value) =>
        spec.writer.update(id, value, scopeOf(context), context),
      );
    } catch (error) {
      // AdminJS answers a refusal with this record, whose values the form then takes: keep what was typed (a statement
      // being closed stays "Clôturé" next to its refusal), but never echo a write-only secret.
      if (error instanceof ValidationError) {
        const decorated = resource.decorate();
        for (const [key, value] of Object.entries(payload)) {
          const property = decorated.getPropertyByKey(key.split('.')[0]!);
          if (property && property.type() !== 'password') record.set(key, value);
        }
      }
      throw error;
    }
    const fresh = await resource.findOne(String(id), context);
    return {
      redirectUrl: h.recordActionUrl({ resourceId: resourceId(context), recordId: String(id), actionName: 'show' }),
      notice: { message: 'successfullyUpdated', type: 'success' },
      record: (fresh ?? record).toJSON(currentAdmin),
    };
  };
  return { new: { handler: create }, edit: { handler: edit }, ...NO_WRITES };
}
