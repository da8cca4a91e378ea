import { Link } from '@fluentui/react-components';

/** safeHref returns the URL if it is an absolute http(s) URL, else null (javascript:, data:, relative … are refused). */
export function safeHref(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
}

/**
 * ExternalLink renders a link taken from alert data: only http(s), opened
 * in a new tab without opener or referrer. Anything else is shown as text.
 */
export function ExternalLink({ href, children }: { href: string; children?: string }) {
  const safe = safeHref(href);
  const text = children || href;
  if (!safe) return <span title="Not a web link; shown as text">{text}</span>;
  return (
    <Link href={safe} target="_blank" rel="noopener noreferrer">
      {text}
    </Link>
  );
}
