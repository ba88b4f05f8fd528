// The plugin's blocks in the editor. WordPress registers each from its block.json (written by
// scripts/build-wordpress.mjs, translated on the server); this adds the editor and the saved markup.
import { useBlockProps } from '@wordpress/block-editor';
import { getBlockType, registerBlockType } from '@wordpress/blocks';
import { createElement as h } from '@wordpress/element';
import { BLOCKS } from './catalogue.mjs';
import { edit } from './edit.js';
import { widget } from './markup.js';
import './editor.css';

for (const block of BLOCKS) {
  registerBlockType(`voix/${block.name}`, {
    edit: edit(block),
    // The element in a <div> that carries the block's class: KSES keeps a div's class, and the
    // element only its documented attributes.
    save: ({ attributes }) => h('div', useBlockProps.save(), widget(block, getBlockType(`voix/${block.name}`).attributes, attributes)),
  });
}
