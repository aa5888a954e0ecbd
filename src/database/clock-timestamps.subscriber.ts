import type { EntitySubscriberInterface, InsertEvent, UpdateEvent } from 'typeorm';

import type { Clock } from '../common/clock/clock.js';

/**
 * Stamps createdAt/updatedAt from the product's clock instead of the database server's: billing reads createdAt
 * against periods computed from the clock, so both must tell the same time (and tests pin it).
 */
export class ClockTimestampsSubscriber implements EntitySubscriberInterface {
  constructor(private readonly clock: Clock) {}

  beforeInsert(event: InsertEvent<Record<string, unknown>>): void {
    const entity = event.entity;
    if (!entity) return;
    const now = this.clock.now();
    for (const column of [event.metadata.createDateColumn, event.metadata.updateDateColumn]) {
      if (column && entity[column.propertyName] === undefined) entity[column.propertyName] = now;
    }
  }

  beforeUpdate(event: UpdateEvent<Record<string, unknown>>): void {
    const column = event.metadata.updateDateColumn;
    const entity = event.entity;
    if (column && entity) entity[column.propertyName] = this.clock.now();
  }
}
