/** A sandbox listening for a test: its URL and the token of its control API. */
export interface SandboxServer {
  url: string;
  controlToken: string;
  close(): Promise<void>;
}

/** Calls the sandbox's control API (`/__sandbox/...`) from tests and scripts, with its control token. */
export function sandboxControl(sandboxUrl: string, controlToken: string) {
  const call = async <T = unknown>(method: string, path: string, body?: unknown): Promise<T> => {
    const auth = { Authorization: `Bearer ${controlToken}` };
    const response = await fetch(`${sandboxUrl}/__sandbox${path}`, {
      method,
      headers: body === undefined ? auth : { ...auth, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(`Sandbox control ${method} ${path} answered ${response.status}: ${text}`);
    }
    return (text ? JSON.parse(text) : undefined) as T;
  };
  return {
    get: <T = unknown>(path: string) => call<T>('GET', path),
    post: <T = unknown>(path: string, body?: unknown) => call<T>('POST', path, body ?? {}),
    patch: <T = unknown>(path: string, body: unknown) => call<T>('PATCH', path, body),
    delete: <T = unknown>(path: string) => call<T>('DELETE', path),
  };
}
