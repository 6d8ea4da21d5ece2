/** The platform mark: a stylised egret (鹭) over water. */
export function LogoMark({ size = 32 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" fill="#1558d6" />
      <path d="M7 21c4.5-1 8-3.6 10.2-8.4.6-1.3 1.9-2.1 3.3-2.1H25l-3.2 2.3c-1.4 4.9-5.6 8.4-10.9 8.9z" fill="#fff" />
      <circle cx="22" cy="12" r="1" fill="#1558d6" />
      <path d="M6 24.5h20" stroke="#9cc2ff" strokeWidth="1.6" strokeLinecap="round" />
    </svg>
  );
}
