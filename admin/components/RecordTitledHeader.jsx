import React, { useLayoutEffect, useRef } from 'react';

// docs/rules.md#names-in-the-back-office: a record page is titled with the record's title ("BQ1 – novembre 2026"), not
// with the action's name ("Afficher"). Overrides AdminJS's ActionHeader and keeps it whole (breadcrumbs, buttons): the
// heading's text is the record's title, set again after every render of the header.
const TITLED_ACTIONS = ['show'];

const RecordTitledHeader = (props) => {
  const { OriginalComponent, record, action } = props;
  const box = useRef(null);
  const title = record && action && TITLED_ACTIONS.includes(action.name) ? record.title : null;

  useLayoutEffect(() => {
    const root = box.current;
    if (!root || !title) return undefined;
    const apply = () => {
      const heading = root.querySelector('h2, h3');
      if (!heading) return;
      const text = [...heading.childNodes].find((node) => node.nodeType === Node.TEXT_NODE);
      if (text && text.nodeValue !== title) text.nodeValue = title;
      heading.setAttribute('data-record-title', title);
    };
    apply();
    const observer = new MutationObserver(apply);
    observer.observe(root, { subtree: true, childList: true, characterData: true });
    return () => observer.disconnect();
  }, [title]);

  if (!OriginalComponent) return null;
  return (
    <div ref={box}>
      <OriginalComponent {...props} />
    </div>
  );
};

export default RecordTitledHeader;
