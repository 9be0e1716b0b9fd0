import { expect, type Locator, type Page } from "@playwright/test";

const isFocused = (target: Locator) => target.evaluate((element) => element === document.activeElement);

/** Presses Tab until `target` has the focus, as a keyboard user would; fails after `maxPresses`. */
export async function tabTo(page: Page, target: Locator, maxPresses = 40): Promise<void> {
  await target.waitFor();
  for (let presses = 0; presses < maxPresses; presses++) {
    await page.keyboard.press("Tab");
    if (await isFocused(target)) return;
  }
  throw new Error(`${maxPresses} presses of Tab never reached ${target}`);
}

/** The focused element shows that it has the focus: an outline or a box shadow the browser draws. */
export async function expectFocusVisible(page: Page): Promise<void> {
  const focused = page.locator(":focus");
  const style = await focused.evaluate((element) => {
    const computed = getComputedStyle(element);
    return {
      outline: computed.outlineStyle === "none" || computed.outlineWidth === "0px" ? "none" : computed.outline,
      boxShadow: computed.boxShadow,
    };
  });
  expect(style, `the focus on ${await focused.evaluate((element) => element.outerHTML.slice(0, 120))}`).not.toEqual({
    outline: "none",
    boxShadow: "none",
  });
}
