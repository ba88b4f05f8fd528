// custom-elements.json: the public API of every element, read by IDEs and Storybook's docs.
// The analyzer also lists private (#) and protected members, and Lit's internal `state`
// properties as attributes: keep what an integrator can use, and no base class without a tag.
const isPublic = (member) => !member.static && !member.name.startsWith('#') && (member.privacy ?? 'public') === 'public';

const publicApiOnly = {
  name: 'voix-public-api-only',
  packageLinkPhase({ customElementsManifest }) {
    for (const module of customElementsManifest.modules) {
      for (const declaration of module.declarations ?? []) {
        if (declaration.kind !== 'class') continue;
        if (!declaration.tagName) delete declaration.customElement;
        const hidden = new Set((declaration.members ?? []).filter((member) => !isPublic(member)).map((member) => member.name));
        declaration.members = (declaration.members ?? []).filter(isPublic);
        declaration.attributes = (declaration.attributes ?? []).filter((attribute) => !hidden.has(attribute.fieldName ?? attribute.name));
      }
    }
  },
};

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.styles.ts'],
  litelement: true,
  plugins: [publicApiOnly],
};
