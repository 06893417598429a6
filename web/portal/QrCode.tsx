import { useEffect, useState } from 'react';

interface QrCodeProps {
  /** What the code encodes. */
  text: string;
  /** Edge length in CSS pixels. */
  size: number;
  /** The image's accessible name. */
  alt: string;
}

/**
 * A QR code drawn in the browser as SVG and shown as an image, so it stays sharp on any screen. The
 * encoder loads on first use: only the card page needs it.
 */
export function QrCode({ text, size, alt }: QrCodeProps) {
  const [src, setSrc] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    import('qrcode')
      .then((qr) => qr.toString(text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }))
      .then(
        (svg) => {
          if (current) setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
        },
        () => {
          if (current) setSrc(null);
        },
      );
    return () => {
      current = false;
    };
  }, [text]);

  const box = { width: size, height: size, display: 'block' };
  return src ? (
    <img src={src} alt={alt} style={box} data-testid="qr-image" />
  ) : (
    <div style={{ ...box, background: '#f2f3f5', borderRadius: 8 }} aria-busy="true" />
  );
}
