package dev.tributary.examples.orders;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;

/**
 * {@code POST /api/orders} places an order ({@code 202 Accepted}: it is settled asynchronously);
 * {@code GET /api/orders/{id}} shows how it stands.
 */
@Path("orders")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {

    @Inject
    OrderDesk desk;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response place(PlaceOrder order, @Context UriInfo uri) {
        if (order == null || order.customerId() == null || order.item() == null || order.quantity() <= 0
                || (order.orderId() != null && (order.orderId().isBlank() || order.orderId().length() > 36))) {
            return Response.status(Response.Status.BAD_REQUEST).build();
        }
        OrderView placed;
        try {
            placed = desk.place(order);
        } catch (DuplicateOrderException e) {
            return Response.status(Response.Status.CONFLICT).build();
        }
        return Response.accepted(placed).location(uri.getAbsolutePathBuilder().path(placed.id()).build()).build();
    }

    @GET
    @Path("{id}")
    public OrderView find(@PathParam("id") String id) {
        return desk.find(id).orElseThrow(() -> new NotFoundException("no order " + id));
    }
}
