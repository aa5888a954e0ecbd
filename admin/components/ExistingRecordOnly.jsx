import { BasePropertyComponent } from 'adminjs';
import React from 'react';

// A field of the edit form that means nothing on a record not created yet (a statement's state and its close): hidden
// on "Créer", AdminJS's own field for its type on "Modifier". AdminJS gives new and edit one list of properties.
const ExistingRecordOnly = (props) => {
  const { property, record } = props;
  if (!record?.id) return null;
  // Without this component as its edit component, AdminJS renders the field of its type.
  const components = { ...property.components, edit: undefined };
  return <BasePropertyComponent {...props} property={{ ...property, components }} />;
};

export default ExistingRecordOnly;
