import { unstableSetRender } from 'antd-mobile';
import { createRoot, type Root } from 'react-dom/client';

const roots = new WeakMap<Element | DocumentFragment, Root>();

/**
 * antd-mobile 5 renders Toast.show and Dialog.confirm into their own container with the legacy
 * ReactDOM.render, which React 19 no longer has ("f is not a function"): give it createRoot instead
 * (antd-mobile's documented React 19 adapter). Call once, before the portal renders.
 */
export function adaptImperativeUiToReact19() {
  unstableSetRender((node, container) => {
    const root = roots.get(container) ?? createRoot(container);
    roots.set(container, root);
    root.render(node);
    return async () => {
      // Unmounting inside the render that asked for it would warn; wait for the next task.
      await new Promise((resolve) => setTimeout(resolve, 0));
      root.unmount();
      roots.delete(container);
    };
  });
}
