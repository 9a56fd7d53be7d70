/**
 * A graph drawn with cytoscape (canvas). The container says what was drawn, read from the
 * cytoscape instance itself: data-nodes and data-edges (counts) and data-ready once laid out;
 * the instance is also on window.kingraphCy[name] for tests and debugging. A canvas is not
 * keyboard- or screen-reader-friendly, so every screen that draws one also lists the same
 * facts in a table, and the canvas is described by its aria-label.
 */
import cytoscape, { type Core, type ElementDefinition, type StylesheetJson } from 'cytoscape';
import { useEffect, useRef } from 'react';

export interface GraphNode {
  id: string;
  label: string;
  classes?: string[];
}
export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  label: string;
  directed?: boolean;
  classes?: string[];
}

declare global {
  interface Window {
    kingraphCy?: Record<string, Core>;
  }
}

const STYLE: StylesheetJson = [
  {
    selector: 'node',
    style: {
      label: 'data(label)',
      'text-wrap': 'wrap',
      'text-valign': 'bottom',
      'text-margin-y': 6,
      'font-size': 12,
      'font-family': 'system-ui, "PingFang SC", "Noto Sans CJK SC", sans-serif',
      color: '#1d2733',
      'background-color': '#5b7fa6',
      width: 34,
      height: 34,
      'border-width': 2,
      'border-color': '#ffffff',
    },
  },
  { selector: 'node.BREADWINNER', style: { 'background-color': '#2f6690', shape: 'round-rectangle' } },
  { selector: 'node.SPOUSE', style: { 'background-color': '#3a7ca5' } },
  { selector: 'node.CHILD', style: { 'background-color': '#81c3d7', width: 28, height: 28 } },
  { selector: 'node.ELDER', style: { 'background-color': '#6c757d' } },
  { selector: 'node.root', style: { 'background-color': '#2f6690', shape: 'star' } },
  { selector: 'node.focus', style: { 'background-color': '#d17a22', shape: 'diamond' } },
  { selector: 'node.level', style: { 'background-color': '#a3c4dc', shape: 'round-rectangle', width: 60 } },
  // Coverage gaps: a thick red ring.
  { selector: 'node.gap', style: { 'border-width': 5, 'border-color': '#c0392b' } },
  {
    selector: 'edge',
    style: {
      label: 'data(label)',
      'font-size': 11,
      color: '#34495e',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.85,
      'text-background-padding': '2px',
      width: 2,
      'line-color': '#95a5a6',
      'curve-style': 'bezier',
    },
  },
  { selector: 'edge.directed', style: { 'target-arrow-shape': 'triangle', 'target-arrow-color': '#95a5a6' } },
  { selector: 'edge.SPOUSE', style: { 'line-color': '#c0392b', 'line-style': 'solid', width: 3 } },
  { selector: 'edge.SIBLING', style: { 'line-style': 'dashed' } },
];

export function Graph({ name, nodes, edges, roots, label }: { name: string; nodes: GraphNode[]; edges: GraphEdge[]; roots: string[]; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const container = ref.current;
    if (!container) return;
    const elements: ElementDefinition[] = [
      ...nodes.map((n) => ({ group: 'nodes' as const, data: { id: n.id, label: n.label }, classes: n.classes ?? [] })),
      ...edges.map((e) => ({
        group: 'edges' as const,
        data: { id: e.id, source: e.source, target: e.target, label: e.label },
        classes: [...(e.directed ? ['directed'] : []), ...(e.classes ?? [])],
      })),
    ];
    const cy = cytoscape({
      container,
      elements,
      style: STYLE,
      layout: { name: 'breadthfirst', roots: roots.length ? roots : undefined, directed: false, spacingFactor: 1.3, padding: 24, animate: false },
      userZoomingEnabled: true,
      boxSelectionEnabled: false,
      autoungrabify: false,
      minZoom: 0.3,
      maxZoom: 2.5,
    });
    cy.ready(() => {
      container.dataset.nodes = String(cy.nodes().length);
      container.dataset.edges = String(cy.edges().length);
      container.dataset.ready = 'true';
    });
    window.kingraphCy = { ...window.kingraphCy, [name]: cy };
    return () => {
      delete container.dataset.ready;
      if (window.kingraphCy?.[name] === cy) delete window.kingraphCy[name];
      cy.destroy();
    };
  }, [name, nodes, edges, roots]);
  return <div ref={ref} className="graph" data-testid={`graph-${name}`} role="img" aria-label={label} />;
}
