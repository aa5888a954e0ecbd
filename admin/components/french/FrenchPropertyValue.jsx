import { Badge } from '@adminjs/design-system';
import { useTranslation } from 'adminjs';
import React from 'react';

/**
 * AdminJS's DefaultPropertyValue, keeping the label as written: AdminJS passes it through lodash's startCase, which
 * strips accents and capitalises every word ("Synchro en échec" became "Synchro En Echec").
 */
const FrenchPropertyValue = ({ property: { propertyPath, availableValues, path }, record, resource }) => {
  const { tl } = useTranslation();
  const rawValue = record?.params[path];
  if (typeof rawValue === 'undefined') return null;
  // Loose on purpose, as AdminJS: a number column's value arrives as a string.
  const option = availableValues?.find((candidate) => String(candidate.value) === String(rawValue));
  if (option) {
    const label = option.label || rawValue;
    return <Badge>{tl(`${propertyPath}.${label}`, resource.id, { defaultValue: label })}</Badge>;
  }
  return rawValue;
};

export default FrenchPropertyValue;
