import { Box, Button, H3, Label, Link, Loader, MessageBox, Text, TextArea } from '@adminjs/design-system';
import { ApiClient } from 'adminjs';
import React, { useEffect, useState } from 'react';

const api = new ApiClient();

/**
 * A record action that the server describes (title, explanation, button, optional comment) and runs on POST: posting
 * a statement, deciding on a bank change, closing a fiscal year. Shows the server's French result or refusal.
 */
const RecordCommand = ({ record, resource, action }) => {
  const [form, setForm] = useState(null);
  const [comment, setComment] = useState('');
  const [outcome, setOutcome] = useState(null);
  const [running, setRunning] = useState(false);

  useEffect(() => {
    api
      .recordAction({ resourceId: resource.id, recordId: record.id, actionName: action.name, method: 'get' })
      .then(({ data }) => setForm(data.form || {}));
  }, [record.id, action.name]);

  const run = async () => {
    setRunning(true);
    setOutcome(null);
    try {
      const { data } = await api.recordAction({
        resourceId: resource.id,
        recordId: record.id,
        actionName: action.name,
        method: 'post',
        data: { comment },
      });
      setOutcome(data.outcome || null);
      if (data.outcome && data.outcome.message) setForm({ ...form, done: true });
    } finally {
      setRunning(false);
    }
  };

  if (form === null) return <Loader />;
  const needsComment = form.comment && form.comment.required && comment.trim() === '';

  return (
    <Box variant="white" p="xl">
      <H3>{form.title}</H3>
      {(form.intro || []).map((paragraph) => (
        <Text key={paragraph} mb="lg">
          {paragraph}
        </Text>
      ))}
      {form.comment && (
        <Box mb="lg">
          <Label htmlFor="command-comment" required={form.comment.required}>
            {form.comment.label}
          </Label>
          <TextArea
            id="command-comment"
            width="100%"
            rows={3}
            value={comment}
            onChange={(event) => setComment(event.target.value)}
          />
        </Box>
      )}
      {!form.done && (
        <Button id="run-command" variant="contained" onClick={run} disabled={running || needsComment}>
          {form.button}
        </Button>
      )}
      {outcome && outcome.failure && (
        <MessageBox mt="xl" variant="danger" message="Refusé">
          <Text id="command-failure">{outcome.failure}</Text>
        </MessageBox>
      )}
      {outcome && outcome.message && (
        <MessageBox mt="xl" variant="success" message="Terminé">
          <Text id="command-result">{outcome.message}</Text>
          {(outcome.links || []).map((link) => (
            <Text mt="default" key={link.href}>
              <Link href={link.href} id={link.id}>
                {link.label}
              </Link>
            </Text>
          ))}
        </MessageBox>
      )}
    </Box>
  );
};

export default RecordCommand;
