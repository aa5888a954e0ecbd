import { FormGroup, Select } from '@adminjs/design-system';
import { PropertyLabel, useTranslation } from 'adminjs';
import React from 'react';

import { FRENCH_SELECT } from './french-ui.js';

/** AdminJS's DefaultBooleanFilterProperty, in French (Oui / Non unless the property names its own values). */
const FrenchBooleanFilter = ({ property, filter = {}, onChange }) => {
  const { tl } = useTranslation();
  const raw = filter[property.path];
  const value = raw === undefined ? '' : /true/i.test(String(raw));
  const options = [true, false].map((option) => ({
    value: option,
    label: tl(`${property.path}.${option}`, property.resourceId, { defaultValue: option ? 'Oui' : 'Non' }),
  }));
  const selected = options.find((option) => option.value === value);
  return (
    <FormGroup>
      <PropertyLabel property={property} filter />
      <Select
        {...FRENCH_SELECT}
        variant="filter"
        value={selected ?? ''}
        isClearable
        options={options}
        onChange={(chosen) => onChange(property.path, chosen ? chosen.value : undefined)}
      />
    </FormGroup>
  );
};

export default FrenchBooleanFilter;
