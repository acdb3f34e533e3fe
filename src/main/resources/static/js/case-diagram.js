/*
 * The case diagram on the portal's status page (templates/portal/case-status.html).
 *
 * Loads the case's process model (data-diagram-url), draws it with the bpmn-js Viewer
 * (global BpmnJS, from the WebJar), fits it to its box and marks the current step(s)
 * (data-step-ids) with the class "silta-current-step" (styled in css/silta.css).
 * An enhancement only: without JavaScript, or if anything fails, the section stays hidden and
 * the status in words is all there is.
 *
 * For tests: the section gets data-rendered="true" when the diagram is drawn and marked
 * (data-marked lists the ids marked), data-rendered="false" when it could not be drawn.
 * No inline script or style: the page's Content-Security-Policy allows neither.
 */
(function () {
  'use strict';

  var MARKER = 'silta-current-step';

  function start() {
    var section = document.getElementById('case-diagram');
    if (!section) {
      return;
    }
    var host = section.querySelector('.case-diagram-canvas');
    if (!host || typeof window.BpmnJS !== 'function' || typeof window.fetch !== 'function') {
      section.setAttribute('data-rendered', 'false');
      return;
    }
    var stepIds = (section.getAttribute('data-step-ids') || '').split(/\s+/).filter(Boolean);

    // the Viewer measures its container: show the section before drawing
    section.hidden = false;
    var viewer = new window.BpmnJS({ container: host });

    fetch(section.getAttribute('data-diagram-url'), {
      credentials: 'same-origin',
      headers: { Accept: 'application/xml' }
    }).then(function (response) {
      if (!response.ok) {
        throw new Error('case diagram: HTTP ' + response.status);
      }
      return response.text();
    }).then(function (xml) {
      return viewer.importXML(xml);
    }).then(function () {
      var canvas = viewer.get('canvas');
      var elements = viewer.get('elementRegistry');
      canvas.zoom('fit-viewport', 'auto');
      var marked = stepIds.filter(function (id) {
        return !!elements.get(id);
      });
      marked.forEach(function (id) {
        canvas.addMarker(id, MARKER);
      });
      // the drawing itself is the image; the bpmn.io link beside it stays a plain link
      var drawing = host.querySelector('.djs-container');
      drawing.setAttribute('role', 'img');
      drawing.setAttribute('aria-label', section.getAttribute('data-label') || '');
      section.setAttribute('data-marked', marked.join(' '));
      section.setAttribute('data-rendered', 'true');
    }).catch(function (error) {
      viewer.destroy();
      section.hidden = true;
      section.setAttribute('data-rendered', 'false');
      if (window.console) {
        window.console.warn(error);
      }
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
