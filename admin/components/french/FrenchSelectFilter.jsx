import { FormGroup, Input, Select } from '@adminjs/design-system';
import { PropertyLabel, useTranslation } from 'adminjs';
import React from 'react';

import { FRENCH_SELECT } from './french-ui.js';

/** AdminJS's DefaultFilterProperty, with a French select for the properties with values to choose from. */
const FrenchSelectFilter = ({ property, onChange, filter }) => {
  const { tl } = useTranslation();
  const value = filter[property.path] || '';
  let input;
  if (property.availableValues) {
    const options = property.availableValues.map((option) => ({
      ...option,
      label: tl(`${property.path}.${option.value}`, property.resourceId, {
        defaultValue: option.label ?? option.value,
      }),
    }));
    const selected = options.find((option) => option.value === value);
    input = (
      <Select
        {...FRENCH_SELECT}
        variant="filter"
        value={selected ?? ''}
        isClearable
        options={options}
        onChange={(chosen) => onChange(property.path, chosen ? chosen.value : '')}
      />
    );
  } else {
    input = (
      <Input
        name={`filter-${property.path}`}
        onChange={(event) => onChange(property.path, event.target.value)}
        value={value}
      />
    );
  }
  return (
    <FormGroup variant="filter">
      <PropertyLabel property={property} filter />
      {input}
    </FormGroup>
  );
};

export default FrenchSelectFilter;
