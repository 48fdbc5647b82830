"use strict";(self.rspackChunk_town_square_kit_rtl_markdown=self.rspackChunk_town_square_kit_rtl_markdown||[]).push([[700],{646(e,t,n){var r=n(601),o=n.n(r),a=n(314),i=(n.n(a))()(o());i.push([e.id,`/*
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
`,""]),n.d(t,{},{A:i})},314(e){e.exports=function(e){var t=[];return t.toString=function(){return this.map(function(t){var n="",r=void 0!==t[5];return t[4]&&(n+="@supports (".concat(t[4],") {")),t[2]&&(n+="@media ".concat(t[2]," {")),r&&(n+="@layer".concat(t[5].length>0?" ".concat(t[5]):""," {")),n+=e(t),r&&(n+="}"),t[2]&&(n+="}"),t[4]&&(n+="}"),n}).join("")},t.i=function(e,n,r,o,a){"string"==typeof e&&(e=[[null,e,void 0]]);var i={};if(r)for(var s=0;s<this.length;s++){var d=this[s][0];null!=d&&(i[d]=!0)}for(var c=0;c<e.length;c++){var l=[].concat(e[c]);r&&i[l[0]]||(void 0!==a&&(void 0===l[5]||(l[1]="@layer".concat(l[5].length>0?" ".concat(l[5]):""," {").concat(l[1],"}")),l[5]=a),n&&(l[2]&&(l[1]="@media ".concat(l[2]," {").concat(l[1],"}")),l[2]=n),o&&(l[4]?(l[1]="@supports (".concat(l[4],") {").concat(l[1],"}"),l[4]=o):l[4]="".concat(o)),t.push(l))}},t}},601(e){e.exports=function(e){return e[1]}},72(e){var t=[];function n(e){for(var n=-1,r=0;r<t.length;r++)if(t[r].identifier===e){n=r;break}return n}function r(e,r){for(var o={},a=[],i=0;i<e.length;i++){var s=e[i],d=r.base?s[0]+r.base:s[0],c=o[d]||0,l="".concat(d," ").concat(c);o[d]=c+1;var u=n(l),p={css:s[1],media:s[2],sourceMap:s[3],supports:s[4],layer:s[5]};if(-1!==u)t[u].references++,t[u].updater(p);else{var f=function(e,t){var n=t.domAPI(t);return n.update(e),function(t){t?(t.css!==e.css||t.media!==e.media||t.sourceMap!==e.sourceMap||t.supports!==e.supports||t.layer!==e.layer)&&n.update(e=t):n.remove()}}(p,r);r.byIndex=i,t.splice(i,0,{identifier:l,updater:f,references:1})}a.push(l)}return a}e.exports=function(e,o){var a=r(e=e||[],o=o||{});return function(e){e=e||[];for(var i=0;i<a.length;i++){var s=n(a[i]);t[s].references--}for(var d=r(e,o),c=0;c<a.length;c++){var l=n(a[c]);0===t[l].references&&(t[l].updater(),t.splice(l,1))}a=d}}},659(e){var t={};e.exports=function(e,n){var r=function(e){if(void 0===t[e]){var n=document.querySelector(e);if(window.HTMLIFrameElement&&n instanceof window.HTMLIFrameElement)try{n=n.contentDocument.head}catch(e){n=null}t[e]=n}return t[e]}(e);if(!r)throw Error("Couldn't find a style target. This probably means that the value for the 'insert' parameter is invalid.");r.appendChild(n)}},540(e){e.exports=function(e){var t=document.createElement("style");return e.setAttributes(t,e.attributes),e.insert(t,e.options),t}},56(e,t,n){e.exports=function(e){var t=n.nc;t&&e.setAttribute("nonce",t)}},206(e){e.exports=function(e){if("u"<typeof document)return{update:function(){},remove:function(){}};var t=e.insertStyleElement(e);return{update:function(n){var r,o,a;r="",n.supports&&(r+="@supports (".concat(n.supports,") {")),n.media&&(r+="@media ".concat(n.media," {")),(o=void 0!==n.layer)&&(r+="@layer".concat(n.layer.length>0?" ".concat(n.layer):""," {")),r+=n.css,o&&(r+="}"),n.media&&(r+="}"),n.supports&&(r+="}"),(a=n.sourceMap)&&"u">typeof btoa&&(r+="\n/*# sourceMappingURL=data:application/json;base64,".concat(btoa(unescape(encodeURIComponent(JSON.stringify(a))))," */")),e.styleTagTransform(r,t,e.options)},remove:function(){var e;null===(e=t).parentNode||e.parentNode.removeChild(e)}}}},113(e){e.exports=function(e,t){if(t.styleSheet)t.styleSheet.cssText=e;else{for(;t.firstChild;)t.removeChild(t.firstChild);t.appendChild(document.createTextNode(e))}}},959(e,t,n){var r=n(72),o=n.n(r),a=n(206),i=n.n(a),s=n(659),d=n.n(s),c=n(56),l=n.n(c),u=n(540),p=n.n(u),f=n(113),h=n.n(f),m=n(646),v={};v.styleTagTransform=h(),v.setAttributes=l(),v.insert=d().bind(null,"head"),v.domAPI=i(),v.insertStyleElement=p(),o()(m.A,v),m.A&&m.A.locals&&m.A.locals}}]);