"use strict";(self.rspackChunk_town_square_kit_rtl_markdown=self.rspackChunk_town_square_kit_rtl_markdown||[]).push([[700],{646(e,t,r){var n=r(601),o=r.n(n),a=r(314),i=(r.n(a))()(o());i.push([e.id,`/*
 * Town Square Kit: rendered Markdown reads in the direction of its text.
 * The extension's script gives each block dir="auto" (first strong character); these rules
 * align each block to its start (right in Arabic, left in English) and mirror list indents
 * and quote bars. In a left-to-right block every rule gives JupyterLab's usual look.
 */
:is(.jp-RenderedMarkdown, .jp-RenderedHTML).jp-RenderedHTMLCommon
  :is(p, h1, h2, h3, h4, h5, h6, li, dt, dd, blockquote, caption, figcaption, summary) {
  text-align: start;
}

.jp-RenderedMarkdown.jp-RenderedHTMLCommon :is(td, th):not([align], [style*='text-align']) {
  text-align: start;
}

:is(.jp-RenderedMarkdown, .jp-RenderedHTML).jp-RenderedHTMLCommon :is(ul, ol):not(.list-inline) {
  padding-left: 0;
  padding-inline-start: 2em;
}

:is(.jp-RenderedMarkdown, .jp-RenderedHTML).jp-RenderedHTMLCommon blockquote {
  border-left: none;
  border-inline-start: 5px solid var(--jp-border-color2);
}

/* Code reads left to right, also inside a right-to-left paragraph. */
:is(.jp-RenderedMarkdown, .jp-RenderedHTML).jp-RenderedHTMLCommon pre {
  direction: ltr;
  text-align: left;
  unicode-bidi: isolate;
}

:is(.jp-RenderedMarkdown, .jp-RenderedHTML).jp-RenderedHTMLCommon code {
  direction: ltr;
  unicode-bidi: isolate;
}

/* The cell toolbar sits at the top right, over the start of a right-to-left first line: in a
   Markdown cell that starts right to left, put it on the left. */
.jp-MarkdownCell.jp-mod-rendered:has(.jp-RenderedMarkdown > :first-child:dir(rtl))
  .jp-cell-toolbar,
.jp-MarkdownCell:not(.jp-mod-rendered):has(.cm-line:first-child:dir(rtl)) .jp-cell-toolbar {
  right: auto;
  left: 3px;
}
`,""]),r.d(t,{},{A:i})},314(e){e.exports=function(e){var t=[];return t.toString=function(){return this.map(function(t){var r="",n=void 0!==t[5];return t[4]&&(r+="@supports (".concat(t[4],") {")),t[2]&&(r+="@media ".concat(t[2]," {")),n&&(r+="@layer".concat(t[5].length>0?" ".concat(t[5]):""," {")),r+=e(t),n&&(r+="}"),t[2]&&(r+="}"),t[4]&&(r+="}"),r}).join("")},t.i=function(e,r,n,o,a){"string"==typeof e&&(e=[[null,e,void 0]]);var i={};if(n)for(var s=0;s<this.length;s++){var d=this[s][0];null!=d&&(i[d]=!0)}for(var l=0;l<e.length;l++){var c=[].concat(e[l]);n&&i[c[0]]||(void 0!==a&&(void 0===c[5]||(c[1]="@layer".concat(c[5].length>0?" ".concat(c[5]):""," {").concat(c[1],"}")),c[5]=a),r&&(c[2]&&(c[1]="@media ".concat(c[2]," {").concat(c[1],"}")),c[2]=r),o&&(c[4]?(c[1]="@supports (".concat(c[4],") {").concat(c[1],"}"),c[4]=o):c[4]="".concat(o)),t.push(c))}},t}},601(e){e.exports=function(e){return e[1]}},72(e){var t=[];function r(e){for(var r=-1,n=0;n<t.length;n++)if(t[n].identifier===e){r=n;break}return r}function n(e,n){for(var o={},a=[],i=0;i<e.length;i++){var s=e[i],d=n.base?s[0]+n.base:s[0],l=o[d]||0,c="".concat(d," ").concat(l);o[d]=l+1;var p=r(c),u={css:s[1],media:s[2],sourceMap:s[3],supports:s[4],layer:s[5]};if(-1!==p)t[p].references++,t[p].updater(u);else{var f=function(e,t){var r=t.domAPI(t);return r.update(e),function(t){t?(t.css!==e.css||t.media!==e.media||t.sourceMap!==e.sourceMap||t.supports!==e.supports||t.layer!==e.layer)&&r.update(e=t):r.remove()}}(u,n);n.byIndex=i,t.splice(i,0,{identifier:c,updater:f,references:1})}a.push(c)}return a}e.exports=function(e,o){var a=n(e=e||[],o=o||{});return function(e){e=e||[];for(var i=0;i<a.length;i++){var s=r(a[i]);t[s].references--}for(var d=n(e,o),l=0;l<a.length;l++){var c=r(a[l]);0===t[c].references&&(t[c].updater(),t.splice(c,1))}a=d}}},659(e){var t={};e.exports=function(e,r){var n=function(e){if(void 0===t[e]){var r=document.querySelector(e);if(window.HTMLIFrameElement&&r instanceof window.HTMLIFrameElement)try{r=r.contentDocument.head}catch(e){r=null}t[e]=r}return t[e]}(e);if(!n)throw Error("Couldn't find a style target. This probably means that the value for the 'insert' parameter is invalid.");n.appendChild(r)}},540(e){e.exports=function(e){var t=document.createElement("style");return e.setAttributes(t,e.attributes),e.insert(t,e.options),t}},56(e,t,r){e.exports=function(e){var t=r.nc;t&&e.setAttribute("nonce",t)}},206(e){e.exports=function(e){if("u"<typeof document)return{update:function(){},remove:function(){}};var t=e.insertStyleElement(e);return{update:function(r){var n,o,a;n="",r.supports&&(n+="@supports (".concat(r.supports,") {")),r.media&&(n+="@media ".concat(r.media," {")),(o=void 0!==r.layer)&&(n+="@layer".concat(r.layer.length>0?" ".concat(r.layer):""," {")),n+=r.css,o&&(n+="}"),r.media&&(n+="}"),r.supports&&(n+="}"),(a=r.sourceMap)&&"u">typeof btoa&&(n+="\n/*# sourceMappingURL=data:application/json;base64,".concat(btoa(unescape(encodeURIComponent(JSON.stringify(a))))," */")),e.styleTagTransform(n,t,e.options)},remove:function(){var e;null===(e=t).parentNode||e.parentNode.removeChild(e)}}}},113(e){e.exports=function(e,t){if(t.styleSheet)t.styleSheet.cssText=e;else{for(;t.firstChild;)t.removeChild(t.firstChild);t.appendChild(document.createTextNode(e))}}},959(e,t,r){var n=r(72),o=r.n(n),a=r(206),i=r.n(a),s=r(659),d=r.n(s),l=r(56),c=r.n(l),p=r(540),u=r.n(p),f=r(113),h=r.n(f),m=r(646),v={};v.styleTagTransform=h(),v.setAttributes=c(),v.insert=d().bind(null,"head"),v.domAPI=i(),v.insertStyleElement=u(),o()(m.A,v),m.A&&m.A.locals&&m.A.locals}}]);