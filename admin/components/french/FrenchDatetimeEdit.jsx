import { DatePicker, FormGroup, FormMessage } from '@adminjs/design-system';
import { PropertyLabel, useTranslation } from 'adminjs';
import React from 'react';

import { frenchDatePicker, pickedDay } from './french-ui.js';

/** AdminJS's DefaultDatetimeEditProperty with a French picker; a `date` keeps the calendar day the user picked. */
const FrenchDatetimeEdit = ({ property, onChange, record }) => {
  const { tm } = useTranslation();
  const raw = record.params?.[property.path];
  const value = raw ? (property.type === 'date' ? `${String(raw).slice(0, 10)}T00:00:00` : raw) : '';
  const error = record.errors?.[property.path];
  return (
    <FormGroup error={Boolean(error)}>
      <PropertyLabel property={property} />
      <DatePicker
        value={value}
        disabled={property.isDisabled}
        propertyType={property.type}
        {...frenchDatePicker(property.type)}
        {...property.props}
        onChange={(date) => onChange(property.path, property.type === 'date' ? pickedDay(date) : date)}
      />
      <FormMessage>{error && tm(error.message, property.resourceId)}</FormMessage>
    </FormGroup>
  );
};

export default FrenchDatetimeEdit;
