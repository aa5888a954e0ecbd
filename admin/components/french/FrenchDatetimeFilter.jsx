import { DatePicker, FormGroup, Label } from '@adminjs/design-system';
import { PropertyLabel, useTranslation } from 'adminjs';
import React from 'react';

import { frenchDatePicker, pickedDay } from './french-ui.js';

// AdminJS's filter separator (backend/utils/filter/filter.js PARAM_SEPARATOR).
const SEPARATOR = '~~';

/** AdminJS's DefaultDatetimeFilterProperty: « Du » and « Au » with French pickers. */
const FrenchDatetimeFilter = ({ property, filter, onChange }) => {
  const { translateProperty } = useTranslation();
  const picker = (bound) => {
    const key = `${property.path}${SEPARATOR}${bound}`;
    return (
      <DatePicker
        value={filter[key]}
        propertyType={property.type}
        {...frenchDatePicker(property.type)}
        onChange={(date) => onChange(key, property.type === 'date' ? pickedDay(date) : date)}
      />
    );
  };
  return (
    <FormGroup variant="filter">
      <PropertyLabel property={property} filter />
      <Label>{`${translateProperty('from')}\u00a0:`}</Label>
      {picker('from')}
      <Label mt="default">{`${translateProperty('to')}\u00a0:`}</Label>
      {picker('to')}
    </FormGroup>
  );
};

export default FrenchDatetimeFilter;
